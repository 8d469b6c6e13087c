@_exported import BreakerCore
