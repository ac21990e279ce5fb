//! Share-link and autosave decoding (`Payload::from_json`, what a `#v1.` link holds once the
//! browser has inflated it): any text must give a payload or an error value, never a panic, and a
//! payload must survive its own encoding unchanged (a link made from it opens the same files).
#![no_main]

use copilot_playground::share::Payload;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let json = String::from_utf8_lossy(data);
    let Ok(payload) = Payload::from_json(&json) else {
        return;
    };
    let again = Payload::from_json(&payload.to_json()).expect("a payload's own JSON decodes");
    assert_eq!(again, payload);
    let _ = payload.source_files();
    let _ = payload.settings();
});
