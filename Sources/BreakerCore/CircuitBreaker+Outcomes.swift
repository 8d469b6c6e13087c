extension CircuitBreaker {
    /// Records a success of the current state (resilience4j's `onSuccess`): a call admitted
    /// earlier is counted by whatever state the breaker is in now.
    public func onSuccess(duration: Duration) {
        record(call(failed: false, duration), generation: nil, error: nil, now: nil)
    }

    /// Records a thrown error of the current state, classified by the configuration: a failure,
    /// a success, or ignored (the permission is released and nothing is counted).
    public func onError(_ error: any Error, duration: Duration) {
        complete(generation: nil, error: error, duration: duration, now: nil)
    }

    /// Gives back a permission without an outcome (in HALF_OPEN the trial permit returns).
    public func releasePermission() {
        release(generation: nil, ignored: nil, now: nil)
    }

    /// Records the success of the call admitted by `permit`; dropped as late if the breaker
    /// has changed state since.
    public func onSuccess(_ permit: BreakerPermit, duration: Duration) {
        record(call(failed: false, duration), generation: permit.generation, error: nil, now: nil)
    }

    /// Records the error of the call admitted by `permit`, classified by the configuration;
    /// dropped as late if the breaker has changed state since.
    public func onError(_ permit: BreakerPermit, _ error: any Error, duration: Duration) {
        complete(generation: permit.generation, error: error, duration: duration, now: nil)
    }

    /// Records a returned `result` of the call admitted by `permit`, classified by
    /// `classify` (or the configuration's ``BreakerConfiguration/classifyResult``).
    public func onResult<R>(_ permit: BreakerPermit, _ result: R, duration: Duration,
                            classify: ((R) -> CallClassification)? = nil) {
        complete(generation: permit.generation, result: result, classify: classify,
                 call: call(failed: false, duration), now: nil)
    }

    /// Records a returned `result` of the current state (the counterpart of
    /// ``onSuccess(duration:)`` for callers that classify results), classified by `classify`
    /// or the configuration's ``BreakerConfiguration/classifyResult``.
    public func onResult<R>(_ result: R, duration: Duration, classify: ((R) -> CallClassification)? = nil) {
        complete(generation: nil, result: result, classify: classify, call: call(failed: false, duration), now: nil)
    }

    /// Gives back the permission of `permit` without an outcome; nothing happens if the
    /// breaker has changed state since.
    public func releasePermission(_ permit: BreakerPermit) {
        release(generation: permit.generation, ignored: nil, now: nil)
    }

    /// A recorded call of `duration`, slow when longer than the configured threshold.
    @inline(__always)
    func call(failed: Bool, _ duration: Duration) -> RecordedCall {
        RecordedCall(failed: failed, slow: duration > configuration.slowCallDurationThreshold, duration: duration)
    }

    /// A recorded call the breaker timed itself, from nanoseconds (cheaper than `Duration` arithmetic).
    @inlinable
    func call(failed: Bool, nanoseconds: Int64) -> RecordedCall {
        RecordedCall(failed: failed, slow: nanoseconds > slowCallNanoseconds, duration: .nanoseconds(nanoseconds))
    }

    func complete(generation: UInt64?, error: any Error, duration: Duration, now: BreakerInstant?) {
        complete(generation: generation, error: error, call: call(failed: true, duration), now: now)
    }

    /// Records a thrown error as classified; `call.failed` is ignored in favour of the classification.
    @usableFromInline
    func complete(generation: UInt64?, error: any Error, call: RecordedCall, now: BreakerInstant?) {
        var call = call
        switch configuration.classification(of: error) {
        case .failure:
            call.failed = true
            record(call, generation: generation, error: error, now: now)
        case .success:
            call.failed = false
            record(call, generation: generation, error: nil, now: now)
        case .ignore:
            release(generation: generation, ignored: (error, call.duration), now: now)
        }
    }

    @usableFromInline
    func complete<R>(generation: UInt64?, result: R, classify: ((R) -> CallClassification)?,
                     call: RecordedCall, now: BreakerInstant?) {
        let classification = classify?(result) ?? configuration.classifyResult?(result) ?? .success
        var call = call
        switch classification {
        case .success:
            call.failed = false
            record(call, generation: generation, error: nil, now: now)
        case .failure:
            call.failed = true
            // Describing the result can cost microseconds: only do it when someone listens.
            let error = listeners.isEmpty ? nil : ResultRecordedAsFailureError(result: String(describing: result))
            record(call, generation: generation, error: error, now: now)
        case .ignore:
            release(generation: generation, ignored: nil, now: now)
        }
    }

    @usableFromInline
    func record(_ call: RecordedCall, generation: UInt64?, error: (any Error)?, now initial: BreakerInstant?) {
        var now = initial ?? (recordNeedsClock ? clock.now() : nil)
        while true {
            let result = withMachine { $0.record(call, generation: generation, now: now) }
            switch result {
            case .needsClock:
                now = clock.now()
            case .done(let events, let stampGeneration):
                if let stampGeneration {
                    let openedAt = clock.now()
                    withMachine { $0.stampOpening(at: openedAt, generation: stampGeneration) }
                }
                publish(events, outcome: call.failed, duration: call.duration, error: error)
                return
            }
        }
    }

    func release(generation: UInt64?, ignored: (error: any Error, duration: Duration)?, now initial: BreakerInstant?) {
        var now = initial
        while true {
            let result = withMachine { $0.release(generation: generation, now: now, ignoredError: ignored != nil) }
            switch result {
            case .needsClock:
                now = clock.now()
            case .done(let events, _):
                publish(events, outcome: nil, duration: ignored?.duration ?? .zero, error: ignored?.error)
                return
            }
        }
    }
}
