//! The day-by-day follow-up simulation. Leads handed to sales are assigned
//! round-robin to the active reps. A rep's own prospects (Offline Sources) are
//! contacted as they are logged; every other lead joins the rep's inbound
//! queue. Each rep works that queue first in,
//! first out, making a limited number of first touches per working day at
//! random times in business hours. A lead left untouched past the drop window
//! is usually dropped when a rep finally reaches it (or at the end of the
//! year), otherwise it is still worked.

use std::collections::VecDeque;

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::calendar::{self, CLOSES, DAY, DAYS, END, OPENS};
use super::leads::Lead;
use super::random::{Stream, stream};
use super::story::{self, DROP_AFTER, DROP_CHANCE, REFERENCE_LEADS, REPS, Source};

/// The sales desk: one queue of untouched lead indices per rep.
struct Desk {
    queues: Vec<VecDeque<usize>>,
    /// Unused fraction of each rep's touch capacity, carried to the next day.
    carry: Vec<f64>,
    /// Round-robin counter.
    turn: usize,
    /// Rep capacity multiplier: the team scales with the lead volume.
    scale: f64,
    rng: ChaCha8Rng,
}

/// Assigns owners, first touches and drops to `leads` (in creation order).
pub fn follow_up(leads: &mut [Lead], seed: u64) {
    let order = ready_order(leads);
    let mut desk = Desk {
        queues: vec![VecDeque::new(); REPS.len()],
        carry: vec![0.0; REPS.len()],
        turn: 0,
        scale: leads.len() as f64 / REFERENCE_LEADS,
        rng: stream(seed, Stream::FollowUp),
    };
    let mut next = 0;
    for day in 0..DAYS {
        next = desk.assign(leads, &order, next, day);
        if calendar::is_workday(day) {
            desk.work_day(leads, day);
        }
    }
    desk.close_year(leads);
}

/// Indices of the leads handed to sales during the year, by hand-over time.
fn ready_order(leads: &[Lead]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..leads.len())
        .filter(|&i| leads[i].ready().is_some())
        .collect();
    order.sort_by_key(|&i| (leads[i].ready(), i));
    order
}

/// Reps taking leads on a story day.
fn active_reps(day: u32) -> Vec<usize> {
    (0..REPS.len())
        .filter(|&rep| REPS[rep].starts <= day)
        .collect()
}

impl Desk {
    /// Queues every lead handed over during `day`; returns the next position.
    fn assign(&mut self, leads: &mut [Lead], order: &[usize], mut next: usize, day: u32) -> usize {
        let active = active_reps(day);
        let day_end = (day + 1) * DAY;
        while let Some(&lead) = order.get(next) {
            if leads[lead].ready().is_none_or(|at| at >= day_end) {
                break;
            }
            let rep = active[self.turn % active.len()];
            self.turn += 1;
            leads[lead].owner = Some(rep as u8);
            if leads[lead].source == Source::OfflineSources {
                let logged = leads[lead].created;
                leads[lead].touched = Some(logged + self.rng.random_range(5..90));
            } else {
                self.queues[rep].push_back(lead);
            }
            next += 1;
        }
        next
    }

    /// Every active rep spends the day's touch capacity on their queue.
    fn work_day(&mut self, leads: &mut [Lead], day: u32) {
        for rep in active_reps(day) {
            for at in self.slots(rep, day) {
                self.touch_next(leads, rep, at);
            }
        }
    }

    /// Times of the rep's first-touch slots today, in order.
    fn slots(&mut self, rep: usize, day: u32) -> Vec<u32> {
        let per_day = story::touches_per_week(day) / 5.0 * self.scale;
        self.carry[rep] += per_day * self.rng.random_range(0.5..1.5);
        let count = self.carry[rep].floor();
        self.carry[rep] -= count;
        let mut times: Vec<u32> = (0..count as u32)
            .map(|_| day * DAY + self.rng.random_range(OPENS..CLOSES))
            .collect();
        times.sort_unstable();
        times
    }

    /// Touches the oldest ready lead in the rep's queue at `at`, dropping the
    /// stale ones passed over on the way.
    fn touch_next(&mut self, leads: &mut [Lead], rep: usize, at: u32) {
        while let Some(&lead) = self.queues[rep].front() {
            let ready = leads[lead].ready().unwrap_or(at);
            if ready > at {
                return;
            }
            self.queues[rep].pop_front();
            if self.goes_cold(ready, at) {
                leads[lead].dropped = true;
                continue;
            }
            leads[lead].touched = Some(at);
            return;
        }
    }

    /// Whether a lead waiting since `ready` has been dropped by `now`.
    fn goes_cold(&mut self, ready: u32, now: u32) -> bool {
        now - ready > DROP_AFTER && self.rng.random_bool(DROP_CHANCE)
    }

    /// Leads still queued on 2026-12-31: the stale ones count as dropped, the
    /// rest are still waiting.
    fn close_year(&mut self, leads: &mut [Lead]) {
        for rep in 0..REPS.len() {
            while let Some(lead) = self.queues[rep].pop_front() {
                let ready = leads[lead].ready().unwrap_or(END);
                leads[lead].dropped = self.goes_cold(ready, END);
            }
        }
    }
}
