//! Small inline SVG charts. Sizes are SVG attributes with whole numbers (no inline styles, no
//! float formatting), and every chart has a text alternative. They are plain functions, not
//! components: they hold no state, and each component type costs code size in the wasm.

use crate::core::dates::date_stamp;
use crate::core::progress::Attempt;
use crate::core::quiz::Score;
use yew::prelude::*;

/// A ring filled to `percent`, with the figure in the middle.
pub fn score_ring(percent: u8, passed: bool) -> Html {
    let p = percent.min(100);
    html! {
        <svg class={classes!("ring", passed.then_some("passed"))} viewBox="0 0 120 120" aria-hidden="true" focusable="false">
            <circle class="ring-track" cx="60" cy="60" r="52" pathLength="100" />
            <circle class="ring-fill" cx="60" cy="60" r="52" pathLength="100"
                stroke-dasharray={format!("{p} 100")} transform="rotate(-90 60 60)" />
            <text x="60" y="60" class="ring-text" text-anchor="middle" dominant-baseline="central">{ format!("{p}%") }</text>
        </svg>
    }
}

/// A horizontal bar for a score; the figures are printed beside it by the caller.
pub fn score_bar(score: Score) -> Html {
    let p = score.percent();
    html! {
        <svg class="hbar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <rect class="hbar-track" x="0" y="0" width="100" height="8" rx="4" />
            if score.total > 0 {
                <rect class="hbar-fill" x="0" y="0" width={p.to_string()} height="8" rx="4" />
            }
        </svg>
    }
}

/// Quiz scores over time (`attempts` oldest first) as a line with points and a dashed
/// pass-mark line, with a table of every attempt (dates in the learner's time zone).
pub fn history_chart(attempts: &[Attempt], pass_mark: u8, utc_offset_ms: i64) -> Html {
    let pts: Vec<(i64, i32, i32, u8)> = {
        let n = attempts.len();
        attempts
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let pct = Score {
                    correct: a.correct as usize,
                    total: a.total as usize,
                }
                .percent();
                let x = if n <= 1 {
                    150
                } else {
                    10 + (i as i32 * 280) / (n as i32 - 1)
                };
                (a.at, x, 90 - i32::from(pct) * 80 / 100, pct)
            })
            .collect()
    };
    let line: String = pts
        .iter()
        .map(|(_, x, y, _)| format!("{x},{y}"))
        .collect::<Vec<_>>()
        .join(" ");
    let pass_y = 90 - i32::from(pass_mark.min(100)) * 80 / 100;
    let summary = if pts.is_empty() {
        "No quiz or sort round finished yet.".to_string()
    } else {
        let list: Vec<String> = pts.iter().map(|p| format!("{}%", p.3)).collect();
        match pts.len() {
            1 => format!("Score of your last attempt: {}.", list.join("")),
            n => format!("Scores of your last {n} attempts, oldest first: {}.", list.join(", ")),
        }
    };
    if pts.is_empty() {
        return html! { <p class="muted empty-chart" data-testid="history-chart">{ summary }</p> };
    }
    let rows = attempts.iter().rev().map(|a| {
        let s = Score {
            correct: a.correct as usize,
            total: a.total as usize,
        };
        let day = date_stamp(a.at + utc_offset_ms);
        html! {
            <tr key={a.at}>
                <td>{ day }</td>
                <td>{ format!("{} / {} ({}%)", a.correct, a.total, s.percent()) }</td>
                <td>{ if a.attempt > 0 { a.attempt.to_string() } else { "\u{2013}".to_string() } }</td>
            </tr>
        }
    });
    let points = pts.iter().map(|(at, x, y, _)| {
        html! { <circle key={*at} class="point" cx={x.to_string()} cy={y.to_string()} r="3.5" /> }
    });
    html! {
        <figure class="chart history-chart" data-testid="history-chart">
            // The pass mark's label sits right of the plot, level with its line, clear of it.
            <svg viewBox="-24 0 360 100" role="img" aria-label={summary.clone()}>
                <line class="grid" x1="10" x2="290" y1="10" y2="10" />
                <line class="grid" x1="10" x2="290" y1="90" y2="90" />
                <line class="pass-line" x1="10" x2="290" y1={pass_y.to_string()} y2={pass_y.to_string()} />
                <text class="axis" x="8" y="13" text-anchor="end">{ "100%" }</text>
                <text class="axis" x="8" y="93" text-anchor="end">{ "0%" }</text>
                <text class="axis pass-label" x="296" y={(pass_y + 3).to_string()} text-anchor="start">
                    { format!("pass {pass_mark}%") }
                </text>
                if pts.len() > 1 { <polyline class="series" points={line} /> }
                { for points }
            </svg>
            <figcaption class="sr-only">{ summary }</figcaption>
            <details class="attempts">
                <summary>{ if attempts.len() == 1 { "The attempt".to_string() } else { format!("All {} attempts", attempts.len()) } }</summary>
                <table data-testid="attempts-table">
                    <thead><tr><th scope="col">{ "Date" }</th><th scope="col">{ "Score" }</th><th scope="col">{ "Attempt" }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </details>
        </figure>
    }
}

/// A column chart: one column per value, its label under it and the value above it. `noun` says
/// what the chart shows, for the text alternative ("Cards due per day").
pub fn columns(values: &[usize], labels: &[String], noun: &str) -> Html {
    let n = values.len().max(1) as i32;
    let max = values.iter().copied().max().unwrap_or(0).max(1);
    let width = 300 / n;
    let cols = values.iter().zip(labels.iter()).enumerate().map(|(i, (v, label))| {
        let h = (*v * 70 / max) as i32;
        let x = i as i32 * width + width / 4;
        let cx = i as i32 * width + width / 2;
        html! {
            <g key={label.to_string()}>
                <rect class="col" x={x.to_string()} y={(85 - h).to_string()} width={(width / 2).to_string()} height={h.max(1).to_string()} rx="2" />
                <text class="col-value" x={cx.to_string()} y={(80 - h).to_string()} text-anchor="middle">{ v }</text>
                <text class="col-label" x={cx.to_string()} y="98" text-anchor="middle">{ label }</text>
            </g>
        }
    });
    let summary = values
        .iter()
        .zip(labels.iter())
        .map(|(v, l)| format!("{l}: {v}"))
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        <figure class="chart columns">
            <svg viewBox="0 0 300 100" role="img" aria-label={format!("{noun}: {summary}.")}>
                { for cols }
            </svg>
        </figure>
    }
}
