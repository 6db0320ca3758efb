//! Property tests: generated input, checked for panics and for spans and
//! text that stay exact. `PROPTEST_CASES=N` runs N cases per property
//! (`tests/props/long.sh` runs many).

mod brat;
mod curation;
mod line_index;
mod strategies;
mod text;
