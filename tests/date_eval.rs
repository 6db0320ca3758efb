//! Date recognition and normalisation quality (being written).
