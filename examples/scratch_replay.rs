use huiwu::core::event::Event;
use huiwu::core::meeting::Meeting;
use std::sync::Arc;
fn cpu() -> f64 {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap();
    s.split_whitespace().next().unwrap().parse::<f64>().unwrap() / 1e6
}
fn main() {
    let a = Arc::new(huiwu::sample::generate(100, 360, 2017));
    let evs = huiwu::sample::journal_of_len(&a, 100_000, 7);
    let text: String = evs
        .iter()
        .map(|e| serde_json::to_string(e).unwrap() + "\n")
        .collect();
    for _ in 0..3 {
        let t = cpu();
        let m = Meeting::new(a.clone());
        let t1 = cpu();
        drop(m);
        let t2 = cpu();
        let m = Meeting::replay(a.clone(), &evs);
        let t3 = cpu();
        drop(m);
        let t4 = cpu();
        let v: Vec<Event> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let t5 = cpu();
        drop(v);
        let t6 = cpu();
        eprintln!(
            "new {:.1} drop {:.1} | replay {:.1} drop {:.1} | parse {:.1} drop {:.1}",
            t1 - t,
            t2 - t1,
            t3 - t2,
            t4 - t3,
            t5 - t4,
            t6 - t5
        );
    }
}
