//! The workspace's life outside the editor: autosave and the URL's share hash on a throttle,
//! Share, Reset, Run locally (command and zip), the examples gallery and training's hints and
//! restarts. `update` hands these messages here.

use yew::prelude::*;

use super::{App, Focus, Msg};
use crate::session::{self, Mode};
use crate::share;

impl App {
    pub(super) fn update_sharing(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::Persist if self.training.is_some() => {
                self.persist = None;
                if let Some(t) = &self.training {
                    t.save_work(&self.payload().to_json());
                }
                false
            }
            Msg::Hint => {
                if let Some(t) = &mut self.training {
                    t.hints += 1;
                }
                true
            }
            Msg::RestartExercise => {
                let Some(t) = &self.training else {
                    return false;
                };
                t.forget_work();
                let start = t
                    .exercise()
                    .map(super::super::training::Exercise::start_files)
                    .unwrap_or_default();
                self.replace_files(start);
                self.changed(ctx);
                true
            }
            Msg::Persist => {
                self.persist = None;
                let mut shown = false;
                if self.autosave
                    && self.mode == Mode::Full
                    && !session::autosave(&self.payload().to_json())
                {
                    // Said once: the browser's storage is off or full (about 5 MB).
                    self.autosave = false;
                    self.notice = Some("This browser does not keep this workspace (its storage is off or full): use Share or Run locally to keep it.".into());
                    shown = true;
                }
                self.encode(ctx, false);
                shown
            }
            Msg::Encoded(number, _, false) if number != self.encodes => false, // a newer one is coming
            Msg::Encoded(_, Err(e), copy) => {
                // Too large for a link: the URL must not keep an older workspace (it would win
                // over the autosave on reload).
                if !matches!(self.mode, Mode::Embed(_)) {
                    session::set_hash("");
                }
                self.share_hash.clear();
                if copy {
                    self.set_status(ctx, format!("{e} Run locally downloads it as a zip."));
                }
                true
            }
            Msg::Encoded(_, Ok(hash), copy) => {
                if !matches!(self.mode, Mode::Embed(_)) {
                    session::set_hash(&hash);
                }
                self.share_hash = hash;
                if copy {
                    let url = self.playground_url();
                    ctx.link().send_future(async move {
                        Msg::Status(if session::copy_text(&url).await {
                            "Link copied: it holds the whole workspace.".into()
                        } else {
                            "Copy the link from the address bar: the clipboard is not available."
                                .into()
                        })
                    });
                }
                matches!(self.mode, Mode::Embed(_))
            }
            Msg::Share => {
                self.encode(ctx, true);
                false
            }
            Msg::Status(text) => {
                if text.is_empty() {
                    self.status = None;
                    self.status_timer = None;
                } else {
                    self.set_status(ctx, text);
                }
                true
            }
            Msg::PickExample(name) => {
                let _ = gloo::utils::window()
                    .location()
                    .set_href(&format!("?example={name}"));
                false
            }
            Msg::DismissAbout => {
                self.about = false;
                true
            }
            Msg::Reset(false) => {
                self.reset_asked = true;
                self.focus = Some(Focus::ResetConfirm);
                true
            }
            Msg::Reset(true) => {
                self.reset_asked = false;
                self.replace_files(self.example.files());
                self.settings = self.example.settings();
                self.variables_text.clear();
                self.variable_problems.clear();
                self.env = None;
                self.autosave = self.mode == Mode::Full;
                self.changed(ctx);
                true
            }
            Msg::ToggleLocal => {
                self.local_open = !self.local_open;
                true
            }
            Msg::CopyCommand => {
                let command = share::check_command(&self.settings);
                ctx.link().send_future(async move {
                    Msg::Status(if session::copy_text(&command).await {
                        "Command copied.".into()
                    } else {
                        "Select the command and copy it: the clipboard is not available.".into()
                    })
                });
                false
            }
            Msg::DownloadZip => {
                session::download_zip(&self.files);
                false
            }
            _ => false,
        }
    }
}
