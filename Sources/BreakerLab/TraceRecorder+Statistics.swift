import TraceKit

extension TraceRecorder {
    /// What a ``TraceRecorder`` has done with the calls it was given: a consistent snapshot.
    ///
    /// Nothing is lost silently: every call is accounted for,
    /// `calls == rowsWritten + pendingRows + droppedRows`.
    public struct Statistics: Sendable, Hashable {
        /// Calls offered to the recorder: outcome, rejection and (when recorded) late-outcome
        /// events, including those that arrived after ``TraceRecorder/close()``.
        public internal(set) var calls = 0
        /// Rows written to files (handed to the operating system; the recorder does not `fsync`).
        public internal(set) var rowsWritten = 0
        /// Rows buffered in memory, not yet written.
        public internal(set) var pendingRows = 0
        /// Calls that will never be in a file: ``droppedAfterClose`` plus rows lost to errors
        /// (a file that could not be opened or written, a row the trace format refuses).
        public internal(set) var droppedRows = 0
        /// The part of ``droppedRows`` that arrived after ``TraceRecorder/close()``.
        public internal(set) var droppedAfterClose = 0
        /// Errors met while writing; each is also in ``lastError`` until a later one replaces it.
        public internal(set) var errorCount = 0
        /// The most recent error (file, column when one cell was refused, and why).
        public internal(set) var lastError: TraceError?
        /// Propensities outside (0, 1] (or NaN) that were written as an empty cell.
        public internal(set) var invalidPropensities = 0
        /// Every file created, in order (see ``TraceRecorder`` for the names).
        public internal(set) var files: [String] = []

        init() {}

        mutating func note(_ error: TraceError, droppingRows rows: Int) {
            errorCount += 1
            lastError = error
            droppedRows += rows
        }
    }
}
