/// A policy's verdict on a recorded trial outcome in HALF_OPEN.
public enum TrialDecision: Hashable, Sendable {
    /// Wait for more trial outcomes.
    case undecided
    /// The dependency still fails: open again (the wait grows per the backoff).
    case reopen(TripReasons)
    /// The dependency has recovered: close with fresh metrics.
    case close
}
