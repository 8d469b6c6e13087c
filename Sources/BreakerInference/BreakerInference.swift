/// `BreakerInference` is what a service imports to run a trained policy inside
/// a breaker. Importing it also imports `BreakerCore`, so one import gives the
/// breaker and the policy seam.
///
/// The online feature extractor, model files and learned policies (logistic,
/// bandit, Q-table) conforming to the core `TripPolicy` seam land here in a
/// later issue; until then this module only re-exports `BreakerCore`.
@_exported import BreakerCore
