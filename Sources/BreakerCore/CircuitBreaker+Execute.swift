extension CircuitBreaker {
    /// Runs `operation` if the breaker permits, timing it with the breaker's clock and
    /// recording its outcome against the state that admitted it.
    ///
    /// Thrown errors are classified by the configuration (`CancellationError` is ignored by
    /// default) and rethrown; a returned value is classified by `classifyResult` (or the
    /// configuration's ``BreakerConfiguration/classifyResult``) and returned even when it
    /// counts as a failure.
    ///
    /// - Throws: ``CallNotPermittedError`` without running `operation`, or what `operation` threw.
    @inlinable
    public func execute<R>(classifyingResult classifyResult: ((R) -> CallClassification)? = nil,
                           _ operation: () throws -> R) throws -> R {
        let permit = try acquirePermit()
        let start = clock.now()
        let result: R
        do {
            result = try operation()
        } catch {
            finish(permit, startedAt: start, error: error)
            throw error
        }
        finish(permit, startedAt: start, result: result, classify: classifyResult)
        return result
    }

    /// Like ``execute(classifyingResult:_:)``, but when the call is refused or throws, returns
    /// `fallback(error)` instead (the error is a ``CallNotPermittedError`` when refused). Throws
    /// only what `fallback` throws: with a non-throwing fallback the call needs no `try`.
    public func execute<R, E: Error>(classifyingResult classifyResult: ((R) -> CallClassification)? = nil,
                                     _ operation: () throws -> R,
                                     fallback: (any Error) throws(E) -> R) throws(E) -> R {
        do {
            return try execute(classifyingResult: classifyResult, operation)
        } catch {
            return try fallback(error)
        }
    }

    /// The async form of ``execute(classifyingResult:_:)``: runs `operation` in the caller's
    /// isolation if permitted and records its outcome. Cancellation (`CancellationError`) is
    /// ignored by default.
    public func run<R>(isolation: isolated (any Actor)? = #isolation,
                       classifyingResult classifyResult: ((R) -> CallClassification)? = nil,
                       _ operation: () async throws -> R) async throws -> R {
        let permit = try acquirePermit()
        let start = clock.now()
        let result: R
        do {
            result = try await operation()
        } catch {
            finish(permit, startedAt: start, error: error)
            throw error
        }
        finish(permit, startedAt: start, result: result, classify: classifyResult)
        return result
    }

    /// Like ``run(isolation:classifyingResult:_:)``, but when the call is refused or throws,
    /// returns `fallback(error)` instead. A `CancellationError` is rethrown, not handed to the
    /// fallback: the caller gave up, so there is nobody to serve a fallback value to.
    public func run<R>(isolation: isolated (any Actor)? = #isolation,
                       classifyingResult classifyResult: ((R) -> CallClassification)? = nil,
                       _ operation: () async throws -> R,
                       fallback: (any Error) async throws -> R) async throws -> R {
        do {
            return try await run(isolation: isolation, classifyingResult: classifyResult, operation)
        } catch let cancellation as CancellationError {
            throw cancellation
        } catch {
            return try await fallback(error)
        }
    }

    /// Records the error a timed call threw, read against the call's start.
    @usableFromInline
    func finish(_ permit: BreakerPermit, startedAt start: BreakerInstant, error: any Error) {
        let end = clock.now()
        let call = call(failed: true, nanoseconds: end.nanoseconds &- start.nanoseconds)
        complete(generation: permit.generation, error: error, call: call, now: end)
    }

    /// Records the value a timed call returned, classified by `classify` or the configuration.
    @inlinable
    func finish<R>(_ permit: BreakerPermit, startedAt start: BreakerInstant, result: R,
                   classify: ((R) -> CallClassification)?) {
        let end = clock.now()
        let call = call(failed: false, nanoseconds: end.nanoseconds &- start.nanoseconds)
        if classify == nil, configuration.classifyResult == nil {
            record(call, generation: permit.generation, error: nil, now: end)
        } else {
            complete(generation: permit.generation, result: result, classify: classify, call: call, now: end)
        }
    }
}
