//! All five export formats of a 100-venue, 36,000-person meeting. Budget: under 1 s for
//! the five together. Run: `cargo bench --bench export -- --quick`.
//!
//! The meeting comes from `huiwu::sample::generate` and is signed in through events
//! generated here, as a real one would be.

use std::hint::black_box;
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use criterion::{Criterion, criterion_group, criterion_main};

use huiwu::core::agenda::*;
use huiwu::core::event::{ActionFields, Event, EventKind, LinkState, WalkIn};
use huiwu::core::meeting::Meeting;
use huiwu::export::{self, Format, Options};
use huiwu::i18n::Lang;

const VENUES: usize = 100;
const PER_VENUE: usize = 360;

/// splitmix64: deterministic and fast.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Most people sign in (some late, some leave early), a few are excused or send a
/// stand-in, a hundred walk in; every item runs; notes, decisions and actions are taken.
fn events(a: &Agenda, seed: u64) -> Vec<Event> {
    let mut rng = Rng(seed ^ 0xABCD);
    let t0: DateTime<Utc> = a.meeting.start.with_timezone(&Utc) - Duration::minutes(20);
    let mut out = Vec::new();
    let mut push = |at: DateTime<Utc>, kind: EventKind| {
        let n = out.len() as u64 + 1;
        out.push(Event {
            id: format!("e{n}"),
            at,
            seat: "bench".into(),
            seq: n,
            kind,
        });
    };
    for (i, p) in a.participants.iter().enumerate() {
        let at = t0 + Duration::seconds(i as i64 % 1800);
        let r = rng.below(100);
        let kind = match r {
            0..=2 => EventKind::Excused {
                participant: p.id.clone(),
                reason: "公务出差".into(),
            },
            3 => EventKind::StandIn {
                participant: p.id.clone(),
                name: "代会人".into(),
                unit: p.unit.clone(),
            },
            4..=7 => continue,
            8..=12 => EventKind::SignedIn {
                participant: p.id.clone(),
                late: true,
                effective_at: None,
            },
            _ => EventKind::SignedIn {
                participant: p.id.clone(),
                late: false,
                effective_at: None,
            },
        };
        push(at, kind);
        if r == 13 {
            push(
                t0 + Duration::minutes(100),
                EventKind::LeftEarly {
                    participant: p.id.clone(),
                },
            );
        }
    }
    for w in 0..100 {
        push(
            t0 + Duration::minutes(15),
            EventKind::WalkedIn(WalkIn {
                participant: format!("W{w}"),
                name: format!("现场{}", w),
                unit: "临时参会单位".into(),
                title: String::new(),
                venue: format!("v{:03}", w % VENUES),
                role: Role::Member,
            }),
        );
    }
    for v in &a.venues {
        push(
            t0 + Duration::minutes(18),
            EventKind::LinkChecked {
                venue: v.id.clone(),
                video: LinkState::Ok,
                audio: LinkState::Ok,
            },
        );
    }
    let mut t = a.meeting.start.with_timezone(&Utc);
    push(t, EventKind::MeetingStarted);
    let leaves: Vec<&Item> = a
        .items
        .iter()
        .flat_map(|it| {
            if it.items.is_empty() {
                vec![it]
            } else {
                it.items.iter().collect()
            }
        })
        .collect();
    for (i, it) in leaves.iter().enumerate() {
        push(
            t,
            EventKind::ItemStarted {
                item: it.id.clone(),
            },
        );
        for k in 0..3 {
            push(
                t + Duration::minutes(k + 1),
                EventKind::NoteRecorded {
                    note: format!("N{i}-{k}"),
                    item: Some(it.id.clone()),
                    text: format!("第{i}项议程的第{k}条记录：各单位要高度重视，狠抓落实。"),
                    decision: k == 2,
                },
            );
            push(
                t + Duration::minutes(k + 2),
                EventKind::ActionAdded {
                    action: format!("A{i}-{k}"),
                    fields: ActionFields {
                        text: Some(format!("落实第{i}项议程第{k}项任务")),
                        owners: Some(vec![OwnerRef::Venue(format!(
                            "v{:03}",
                            (i * 3 + k as usize) % VENUES
                        ))]),
                        due: Some(NaiveDate::from_ymd_opt(2017, 6, 30)),
                        due_text: Some(Some("6月底前".into())),
                        item: Some(Some(it.id.clone())),
                        assigned_by: None,
                    },
                },
            );
        }
        t += Duration::minutes(12 + i as i64);
        push(
            t,
            EventKind::ItemEnded {
                item: it.id.clone(),
            },
        );
    }
    push(t, EventKind::MeetingEnded);
    out
}

fn bench(c: &mut Criterion) {
    let a = huiwu::sample::generate(VENUES, PER_VENUE, 2017);
    let ev = events(&a, 2017);
    let m = Meeting::replay(Arc::new(a), &ev);
    assert_eq!(m.people.len(), VENUES * PER_VENUE + 100);
    let opts = Options {
        lang: Lang::Zh,
        include_contacts: false,
        now: m.ended_at.unwrap(),
    };
    // Wall time on a shared machine says little; this thread's own CPU time does.
    let mut total_cpu = 0.0;
    for f in Format::ALL {
        let (cpu0, wall) = (thread_cpu_ms(), std::time::Instant::now());
        black_box(export::render(f, &m, &ev, &opts).unwrap());
        if let (Some(a), Some(b)) = (cpu0, thread_cpu_ms()) {
            total_cpu += b - a;
            eprintln!(
                "{f:?}: {:.0} ms CPU, {:.0} ms wall (one run)",
                b - a,
                wall.elapsed().as_secs_f64() * 1000.0
            );
        }
    }
    eprintln!("all five: {total_cpu:.0} ms CPU");
    let mut g = c.benchmark_group("export_36000");
    g.sample_size(10);
    for f in Format::ALL {
        let size = export::render(f, &m, &ev, &opts).unwrap().len();
        eprintln!("{f:?}: {size} bytes");
        g.bench_function(format!("{f:?}"), |b| {
            b.iter(|| export::render(black_box(f), black_box(&m), &ev, &opts).unwrap())
        });
    }
    g.bench_function("all_five", |b| {
        b.iter(|| {
            for f in Format::ALL {
                black_box(export::render(f, &m, &ev, &opts).unwrap());
            }
        })
    });
    g.finish();
}

/// CPU time of the calling thread in milliseconds (Linux: `/proc/thread-self/schedstat`).
fn thread_cpu_ms() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e6)
}

criterion_group!(benches, bench);
criterion_main!(benches);
