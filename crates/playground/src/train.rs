//! Training mode (`?train[=slug]`): one exercise beside the editor, checked against every
//! Report; which exercises are solved and each one's work are kept in local storage.

use std::collections::BTreeSet;

use copilot_manifest::{Report, SourceFile};
use serde::{Deserialize, Serialize};
use yew::prelude::*;

use crate::session;
use crate::share::Payload;
use crate::training::{self, CheckResult, Exercise};
use crate::view;

const PROGRESS_KEY: &str = "copilot-playground.training";

fn work_key(slug: &str) -> String {
    format!("{PROGRESS_KEY}.{slug}")
}

/// What local storage keeps across visits.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    #[serde(default)]
    pub solved: BTreeSet<String>,
    #[serde(default)]
    pub current: Option<String>,
}

impl Progress {
    pub fn load() -> Self {
        session::load(PROGRESS_KEY)
            .and_then(|j| serde_json::from_str(&j).ok())
            .unwrap_or_default()
    }

    fn save(&self) {
        if let Ok(json) = serde_json::to_string(self) {
            let _ = session::save(PROGRESS_KEY, &json);
        }
    }
}

/// The exercise a `?train[=slug]` page opens: the one named, else the last one worked on, else
/// the first not yet solved.
pub fn pick(exercises: &[Exercise], asked: Option<&str>, progress: &Progress) -> usize {
    let by_slug = |slug: &str| exercises.iter().position(|e| e.slug == slug);
    asked
        .and_then(by_slug)
        .or_else(|| progress.current.as_deref().and_then(by_slug))
        .or_else(|| {
            exercises
                .iter()
                .position(|e| !progress.solved.contains(&e.slug))
        })
        .unwrap_or(0)
}

/// The files an exercise opens with: the work saved for it, else its starting workspace.
pub fn files_for(exercise: &Exercise) -> Vec<SourceFile> {
    session::load(&work_key(&exercise.slug))
        .and_then(|j| Payload::from_json(&j).ok())
        .map_or_else(|| exercise.start_files(), |p| p.source_files())
}

pub struct Training {
    pub exercises: Vec<Exercise>,
    pub index: usize,
    pub hints: usize,
    pub results: Vec<CheckResult>,
    pub progress: Progress,
}

impl Training {
    pub fn new(asked: Option<&str>) -> Self {
        let exercises = training::exercises();
        let mut progress = Progress::load();
        let index = pick(&exercises, asked, &progress);
        progress.current = exercises.get(index).map(|e| e.slug.clone());
        progress.save();
        Self {
            exercises,
            index,
            hints: 0,
            results: Vec::new(),
            progress,
        }
    }

    pub fn exercise(&self) -> Option<&Exercise> {
        self.exercises.get(self.index)
    }

    pub fn solved(&self) -> bool {
        !self.results.is_empty() && training::solved(&self.results)
    }

    /// Check the exercise against a new Report. True when this report solved it for the first time.
    pub fn check(&mut self, report: &Report) -> bool {
        let Some(exercise) = self.exercises.get(self.index) else {
            return false;
        };
        self.results = training::evaluate(exercise, report);
        if self.solved() && self.progress.solved.insert(exercise.slug.clone()) {
            self.progress.save();
            return true;
        }
        false
    }

    pub fn save_work(&self, payload_json: &str) {
        if let Some(e) = self.exercise() {
            let _ = session::save(&work_key(&e.slug), payload_json);
        }
    }

    pub fn forget_work(&self) {
        if let (Some(e), Some(storage)) = (self.exercise(), session::storage()) {
            let _ = storage.remove_item(&work_key(&e.slug));
        }
    }
}

pub struct PaneProps<'a> {
    pub training: &'a Training,
    pub on_hint: Callback<MouseEvent>,
    pub on_restart: Callback<MouseEvent>,
}

/// `<section id="training">`: the goal, the checks as they stand, hints on demand, the way on.
pub fn pane(p: &PaneProps<'_>) -> Html {
    let t = p.training;
    let Some(ex) = t.exercise() else {
        return html! { <section id="training" class="pane"><p class="empty">{ "No exercises." }</p></section> };
    };
    let picker: Html = t
        .exercises
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let done = if t.progress.solved.contains(&e.slug) {
                "✓ "
            } else {
                ""
            };
            html! {
                <option value={e.slug.clone()} selected={i == t.index}>
                    { format!("{done}{}. {}", i + 1, e.title) }
                </option>
            }
        })
        .collect();
    let on_pick = Callback::from(|e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        let _ = gloo::utils::window()
            .location()
            .set_href(&format!("?train={}", select.value()));
    });
    let checks: Html = t
        .results
        .iter()
        .map(|r| {
            html! {
                <li class={classes!("check", if r.passed { "passed" } else { "failed" })}
                    data-passed={if r.passed { "true" } else { "false" }}>
                    <span class="check-mark" aria-hidden="true">{ if r.passed { "✓" } else { "✗" } }</span>
                    <span class="check-label">{ r.label.clone() }</span>
                    if let (false, Some(detail)) = (r.passed, &r.detail) {
                        <span class="check-detail">{ detail.clone() }</span>
                    }
                </li>
            }
        })
        .collect();
    let hints: Html = ex
        .hints
        .iter()
        .take(t.hints)
        .map(|h| html! { <li>{ view::rich(h) }</li> })
        .collect();
    let left = ex.hints.len().saturating_sub(t.hints);
    let next = t.exercises.get(t.index + 1);
    html! {
        <section id="training" class="pane training" aria-labelledby="training-title">
            <header class="pane-head">
                <h2 id="training-title">{ format!("Exercise {} of {}", t.index + 1, t.exercises.len()) }</h2>
                <select id="exercise-select" aria-label="Choose an exercise" onchange={on_pick}>{ picker }</select>
            </header>
            <h3 class="exercise-title">{ ex.title.clone() }</h3>
            <p class="goal">{ view::rich(&ex.goal) }</p>
            <ul id="checks" class="checks" aria-label="Checks">{ checks }</ul>
            if t.solved() {
                <p id="solved" class="solved" role="status">
                    { "Solved: every check passes." }
                    if let Some(next) = next {
                        { " " }
                        <a id="next-exercise" href={format!("?train={}", next.slug)}>{ format!("Next: {} →", next.title) }</a>
                    } else {
                        { " That was the last exercise." }
                    }
                </p>
            }
            if t.hints > 0 {
                <ol id="hints" class="hints">{ hints }</ol>
            }
            <div class="training-buttons">
                if left > 0 {
                    <button type="button" id="hint" class="small-button" onclick={p.on_hint.clone()}>
                        { format!("Show a hint ({left} left)") }
                    </button>
                }
                <button type="button" id="restart-exercise" class="small-button" onclick={p.on_restart.clone()}>
                    { "Start over" }
                </button>
                <a class="link-button" href="./">{ "Leave training" }</a>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exercises() -> Vec<Exercise> {
        training::exercises()
    }

    #[test]
    fn pick_prefers_the_asked_then_the_current_then_the_first_unsolved() {
        let all = exercises();
        assert!(all.len() >= 3);
        let mut progress = Progress::default();
        assert_eq!(pick(&all, None, &progress), 0);
        progress.solved.insert(all[0].slug.clone());
        assert_eq!(pick(&all, None, &progress), 1);
        progress.current = Some(all[2].slug.clone());
        assert_eq!(pick(&all, None, &progress), 2);
        assert_eq!(pick(&all, Some(&all[0].slug), &progress), 0);
        assert_eq!(pick(&all, Some("no-such-exercise"), &progress), 2);
    }
}
