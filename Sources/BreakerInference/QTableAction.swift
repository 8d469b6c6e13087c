/// What a Q-table policy does after an outcome.
public enum QTableAction: Int, Sendable, Hashable, CaseIterable {
    /// CLOSED: keep admitting. HALF_OPEN: wait for another trial outcome (only while trial
    /// outcomes are still due).
    case stay = 0
    /// Open (again).
    case trip = 1
    /// HALF_OPEN only: close.
    case close = 2

    /// The actions allowed in CLOSED, or in HALF_OPEN with or without trial outcomes still due,
    /// in tie-break order (the first wins among equal values).
    public static func allowed(halfOpen: Bool, trialsDue: Bool) -> [QTableAction] {
        halfOpen ? (trialsDue ? [.close, .stay, .trip] : [.close, .trip]) : [.stay, .trip]
    }
}
