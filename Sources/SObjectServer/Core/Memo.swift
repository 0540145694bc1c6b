import SObjectGenCore

/// Values made once per key and shared by every request. A value is made outside the lock the first
/// time (two requests may both make it; the one stored last is kept); past `limit` values, new
/// ones are made each time and not kept, so that what requests name cannot grow the server without
/// bound.
final class Memo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
  let limit: Int
  private let values = Locked<[Key: Value]>([:])

  init(limit: Int = .max) { self.limit = limit }

  func value(for key: Key, make: () throws -> Value) rethrows -> Value {
    if let found = values.withLock({ $0[key] }) { return found }
    let made = try make()
    values.withLock { if $0.count < limit { $0[key] = made } }
    return made
  }

  /// How many values are kept (for tests).
  var count: Int { values.withLock { $0.count } }
}
