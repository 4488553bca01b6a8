//! Browser facade over `hearth-model`.
