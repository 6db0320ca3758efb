//! Recognition quality on the evaluation set (being written).
