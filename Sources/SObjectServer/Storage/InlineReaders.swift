import Foundation
import GRDB

/// Read-only connections for short reads run on the caller's own thread: a caller takes an idle
/// connection, runs its statement and gives the connection back. A connection is used by one caller
/// at a time, so its queue is always free and GRDB runs the statement without leaving the thread
/// (no continuation, no hop to a dispatch queue and back). Connections are opened as callers need
/// them, up to `limit`; a caller that finds none idle and the limit reached gets nil and reads
/// another way, so that no caller ever waits for a busy connection.
final class InlineReaders: @unchecked Sendable {
  let limit: Int
  private let open: () throws -> DatabaseQueue
  private let lock = NSLock()
  private var idle: [DatabaseQueue] = []
  private var all: [DatabaseQueue] = []
  private var opening = 0

  init(limit: Int, open: @escaping () throws -> DatabaseQueue) {
    self.limit = limit
    self.open = open
  }

  /// `work`'s answer on an idle connection, on this thread; nil when every connection is busy.
  func read<T>(_ work: (Database) throws -> T) throws -> T? {
    guard let connection = try take() else { return nil }
    defer { giveBack(connection) }
    return try connection.unsafeRead(work)
  }

  /// How many connections are open.
  var count: Int {
    lock.lock()
    defer { lock.unlock() }
    return all.count
  }

  func close() throws {
    lock.lock()
    let connections = all
    all = []
    idle = []
    lock.unlock()
    for connection in connections { try connection.close() }
  }

  private func take() throws -> DatabaseQueue? {
    lock.lock()
    if let connection = idle.popLast() {
      lock.unlock()
      return connection
    }
    guard all.count + opening < limit else {
      lock.unlock()
      return nil
    }
    // Counted while it opens, so that callers opening at the same time stay within the limit.
    opening += 1
    lock.unlock()
    let connection: DatabaseQueue
    do {
      connection = try open()
    } catch {
      lock.lock()
      opening -= 1
      lock.unlock()
      throw error
    }
    lock.lock()
    opening -= 1
    all.append(connection)
    lock.unlock()
    return connection
  }

  private func giveBack(_ connection: DatabaseQueue) {
    lock.lock()
    idle.append(connection)
    lock.unlock()
  }
}
