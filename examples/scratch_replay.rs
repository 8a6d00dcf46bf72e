use huiwu::core::meeting::Meeting;
use std::sync::Arc;
fn main() {
    let a = Arc::new(huiwu::sample::generate(100, 360, 2017));
    let evs = huiwu::sample::journal_of_len(&a, 100_000, 7);
    let m = Meeting::replay(a.clone(), &evs);
    std::hint::black_box(&m);
    std::mem::forget(m);
}
