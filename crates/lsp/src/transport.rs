//! JSON-RPC over stdio with `Content-Length` framing (LSP base protocol).
//!
//! lsp-server's own stdio transport ends its reader thread at the first payload that is not a
//! JSON-RPC message, which would end the server; this one reads a frame, and when its body is not
//! a message it hands the server a [`Incoming::Malformed`] to answer with an error, and reads on.
//! Messages are still lsp-server's types.

use crossbeam_channel::{Receiver, Sender, bounded, unbounded};
use lsp_server::{ErrorCode, Message, RequestId};
use serde_json::Value;
use std::io::{self, BufRead, Read, Write};
use std::thread;

/// Larger messages are skipped with an error reply (a manifest is at most 1 MiB; JSON escaping
/// can double it or more).
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024 * 1024;

#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// A frame whose body is not a JSON-RPC message: answered with `code`, echoing `id` when the
    /// body had a usable one.
    Malformed {
        id: Option<RequestId>,
        code: ErrorCode,
        error: String,
    },
}

/// Starts the reader (stdin) and writer (stdout) threads. The receiver ends when stdin does.
pub fn stdio() -> (Receiver<Incoming>, Sender<Value>, thread::JoinHandle<()>) {
    let (in_tx, in_rx) = bounded::<Incoming>(16);
    let (out_tx, out_rx) = unbounded::<Value>();
    thread::spawn(move || {
        let stdin = io::stdin();
        let mut input = stdin.lock();
        while let Ok(Some(frame)) = read_frame(&mut input) {
            let incoming = match frame {
                Ok(body) => parse(&body),
                Err(error) => Incoming::Malformed {
                    id: None,
                    code: ErrorCode::ParseError,
                    error,
                },
            };
            let exit = matches!(&incoming, Incoming::Message(Message::Notification(n)) if n.method == "exit");
            if in_tx.send(incoming).is_err() || exit {
                break;
            }
        }
    });
    let writer = thread::spawn(move || {
        let stdout = io::stdout();
        let mut out = stdout.lock();
        for value in out_rx {
            let body = value.to_string();
            if write!(out, "Content-Length: {}\r\n\r\n{body}", body.len()).is_err()
                || out.flush().is_err()
            {
                break;
            }
        }
    });
    (in_rx, out_tx, writer)
}

/// The next frame's body; `Ok(None)` at the end of input, `Ok(Some(Err(_)))` for a frame
/// whose header is unusable (its body, if any length was given, is skipped).
pub fn read_frame(r: &mut impl BufRead) -> io::Result<Option<Result<Vec<u8>, String>>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut saw_header = false;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = Some(
                    value
                        .trim()
                        .parse::<usize>()
                        .map_err(|e| format!("bad Content-Length {:?}: {e}", value.trim())),
                );
            }
        } else {
            length.get_or_insert_with(|| Err(format!("malformed header line {line:?}")));
        }
    }
    match length {
        Some(Ok(n)) if n > MAX_MESSAGE_BYTES => {
            // Read past it without holding it: a bogus length must not allocate gigabytes.
            io::copy(&mut r.take(n as u64), &mut io::sink())?;
            Ok(Some(Err(format!(
                "a message of {n} bytes, over the limit of {MAX_MESSAGE_BYTES}"
            ))))
        }
        Some(Ok(n)) => {
            let mut body = vec![0; n];
            r.read_exact(&mut body)?;
            Ok(Some(Ok(body)))
        }
        Some(Err(e)) => Ok(Some(Err(e))),
        None => Ok(Some(Err("a message without Content-Length".into()))),
    }
}

/// A body as a message, or why it is not one (JSON-RPC: -32700 for invalid JSON, -32600 for
/// JSON that is not a request, notification or response).
pub fn parse(body: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return Incoming::Malformed {
                id: None,
                code: ErrorCode::ParseError,
                error: format!("invalid JSON: {e}"),
            };
        }
    };
    let id = match value.get("id") {
        Some(Value::Number(n)) => n
            .as_i64()
            .and_then(|n| i32::try_from(n).ok())
            .map(RequestId::from),
        Some(Value::String(s)) => Some(RequestId::from(s.clone())),
        _ => None,
    };
    let shaped = value.is_object()
        && match value.get("method") {
            Some(m) => m.is_string(),
            None => value.get("result").is_some() || value.get("error").is_some(),
        };
    let invalid = |error: String| Incoming::Malformed {
        id: id.clone(),
        code: ErrorCode::InvalidRequest,
        error,
    };
    if !shaped {
        return invalid("not a JSON-RPC request, notification or response".into());
    }
    match serde_json::from_value::<Message>(value) {
        Ok(m) => Incoming::Message(m),
        Err(e) => invalid(format!("not a JSON-RPC message: {e}")),
    }
}

/// A message as the JSON the writer sends (with `"jsonrpc": "2.0"`).
pub fn to_value(message: &Message) -> Value {
    let mut value = serde_json::to_value(message).unwrap_or(Value::Null);
    if let Value::Object(o) = &mut value {
        o.insert("jsonrpc".into(), Value::from("2.0"));
    }
    value
}

/// An error response; `id: None` is JSON-RPC's `"id": null` (the request could not be read).
pub fn error_reply(id: Option<RequestId>, code: ErrorCode, message: &str) -> Value {
    let id = id.map_or(Value::Null, |id| {
        serde_json::to_value(id).unwrap_or(Value::Null)
    });
    serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": {"code": code as i32, "message": message},
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_and_malformed_bodies() {
        let input = b"Content-Length: 2\r\n\r\n{}Content-Length: 5\r\n\r\n{oops\r\nX: y\r\n\r\nContent-Length: 40\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"initialized\"}";
        let mut r = &input[..];
        let first = read_frame(&mut r).unwrap().unwrap().unwrap();
        assert!(matches!(
            parse(&first),
            Incoming::Malformed {
                code: ErrorCode::InvalidRequest,
                ..
            }
        ));
        let second = read_frame(&mut r).unwrap().unwrap().unwrap();
        assert!(matches!(
            parse(&second),
            Incoming::Malformed {
                code: ErrorCode::ParseError,
                id: None,
                ..
            }
        ));
        assert!(read_frame(&mut r).unwrap().unwrap().is_err());
        let fourth = read_frame(&mut r).unwrap().unwrap().unwrap();
        assert!(matches!(
            parse(&fourth),
            Incoming::Message(Message::Notification(_))
        ));
        assert!(read_frame(&mut r).unwrap().is_none());
    }

    #[test]
    fn an_oversized_message_is_skipped_not_allocated() {
        let n = MAX_MESSAGE_BYTES + 1;
        let mut input = format!("Content-Length: {n}\r\n\r\n").into_bytes();
        input.resize(input.len() + n, b' ');
        input.extend_from_slice(b"Content-Length: 2\r\n\r\n{}");
        let mut r = &input[..];
        let err = read_frame(&mut r).unwrap().unwrap().unwrap_err();
        assert!(err.contains("over the limit"), "{err}");
        assert_eq!(read_frame(&mut r).unwrap().unwrap().unwrap(), b"{}");
    }

    #[test]
    fn an_id_is_echoed_when_readable() {
        let Incoming::Malformed { id, code, .. } = parse(br#"{"id": 7, "foo": 1}"#) else {
            panic!("accepted");
        };
        assert_eq!(id, Some(RequestId::from(7)));
        assert!(matches!(code, ErrorCode::InvalidRequest));
    }
}
