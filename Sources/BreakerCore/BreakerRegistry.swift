import Synchronization

/// The named breakers of a service: one breaker per dependency, created on first use with the
/// registry's default configuration (or one given per name) and shared by every caller of that
/// dependency. A breaker is never shared across dependencies: names are unique, and registering
/// a different breaker under a taken name is refused.
public final class BreakerRegistry: Sendable {
    /// The configuration of breakers created without one.
    public let defaultConfiguration: BreakerConfiguration
    /// The clock handed to breakers the registry creates.
    public let clock: any BreakerClock
    private let breakers = Mutex<[String: CircuitBreaker]>([:])

    /// Creates an empty registry. The default configuration is validated here.
    ///
    /// - Throws: ``BreakerError`` (`invalidConfiguration`).
    public init(defaultConfiguration: BreakerConfiguration = BreakerConfiguration(),
                clock: any BreakerClock = SystemClock.shared) throws(BreakerError) {
        try defaultConfiguration.validate()
        self.defaultConfiguration = defaultConfiguration
        self.clock = clock
    }

    /// The breaker named `name`, created with `configuration` (or the default) and `policy` if
    /// it does not exist yet. An existing breaker is returned as it is.
    ///
    /// - Throws: ``BreakerError`` (`invalidConfiguration`) when a new breaker's configuration is invalid.
    public func breaker(named name: String, configuration: BreakerConfiguration? = nil,
                        policy: (any TripPolicy)? = nil) throws(BreakerError) -> CircuitBreaker {
        if let existing = breakers.withLockChecked(owner: self, { $0[name] }) { return existing }
        let created = try CircuitBreaker(name: name, configuration: configuration ?? defaultConfiguration,
                                         policy: policy ?? ThresholdPolicy(), clock: clock)
        return breakers.withLockChecked(owner: self) { table in
            if let existing = table[name] { return existing }
            table[name] = created
            return created
        }
    }

    /// Adds a breaker built elsewhere under its own name.
    ///
    /// - Throws: ``BreakerError`` (`duplicateName`) when another breaker already has that name.
    public func register(_ breaker: CircuitBreaker) throws(BreakerError) {
        let conflict = breakers.withLockChecked(owner: self) { table -> Bool in
            if let existing = table[breaker.name] { return existing !== breaker }
            table[breaker.name] = breaker
            return false
        }
        if conflict {
            throw BreakerError(.duplicateName,
                               "a different breaker is already registered as '\(breaker.name)'; use one breaker per dependency")
        }
    }

    /// Removes and returns the breaker named `name`, if any.
    @discardableResult
    public func remove(named name: String) -> CircuitBreaker? {
        breakers.withLockChecked(owner: self) { $0.removeValue(forKey: name) }
    }

    /// The breaker named `name`, without creating one.
    public func existingBreaker(named name: String) -> CircuitBreaker? {
        breakers.withLockChecked(owner: self) { $0[name] }
    }

    /// All registered breakers, sorted by name.
    public var allBreakers: [CircuitBreaker] {
        breakers.withLockChecked(owner: self) { Array($0.values) }.sorted { $0.name < $1.name }
    }
}
