import Foundation
import SObjectQuery

/// The open query cursors behind `nextRecordsUrl`, in memory: a locator is `01g` + 15 random
/// base-62 characters, then `-` and the offset of the next page (Salesforce's form,
/// `01gD0000002HU6KIAW-2000`). A cursor is forgotten 15 minutes after its last use, on a restart,
/// and when more than `capacity` are open (the least recently used first), as an org forgets them.
actor QueryLocatorStore {
  struct Cursor: Sendable {
    var plan: QueryPlan
    /// The first page's totalSize: later pages skip the count.
    var totalSize: Int
    var batchSize: Int
    var lastUsed: Date
  }

  let capacity: Int
  let lifetime: TimeInterval
  private var cursors: [String: Cursor] = [:]

  init(capacity: Int = 10_000, lifetime: TimeInterval = 15 * 60) {
    self.capacity = capacity
    self.lifetime = lifetime
  }

  /// Opens a cursor; returns its ID (the locator without the offset).
  func open(_ cursor: Cursor) -> String {
    forgetExpired(now: cursor.lastUsed)
    if cursors.count >= capacity, let oldest = cursors.min(by: { $0.value.lastUsed < $1.value.lastUsed })?.key {
      cursors[oldest] = nil
    }
    var id: String
    repeat { id = Self.newID() } while cursors[id] != nil
    cursors[id] = cursor
    return id
  }

  /// The cursor of a locator (`<id>-<offset>`) and the offset, or nil when unknown or expired.
  func cursor(for locator: String, now: Date) -> (id: String, cursor: Cursor, start: Int)? {
    forgetExpired(now: now)
    guard let dash = locator.lastIndex(of: "-"), let start = Int(locator[locator.index(after: dash)...]),
      start >= 0
    else { return nil }
    let id = String(locator[..<dash])
    guard var cursor = cursors[id], start <= cursor.totalSize else { return nil }
    cursor.lastUsed = now
    cursors[id] = cursor
    return (id, cursor, start)
  }

  private func forgetExpired(now: Date) {
    cursors = cursors.filter { now.timeIntervalSince($0.value.lastUsed) < lifetime }
  }

  static func newID() -> String {
    let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    var generator = SystemRandomNumberGenerator()
    return "01g" + String((0..<15).map { _ in alphabet[Int(generator.next(upperBound: UInt64(62)))] })
  }
}
