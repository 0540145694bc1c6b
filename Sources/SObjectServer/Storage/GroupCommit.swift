import Foundation

/// The writer connection a group commit runs on. Bookkeeping statements (a write's SAVEPOINT and
/// RELEASE) may wait and run in the same access as the connection's next statement, so that a
/// write costs no extra trip to the connection for them.
protocol GroupCommitConnection: Sendable {
  /// Runs the statements now, in one access, after the statements waiting to run.
  func run(_ statements: [String]) async throws
  /// Runs `statement` first in the connection's next access.
  func runBeforeNext(_ statement: String)
  /// Removes `statement` when it is the last one waiting (it has not run); true when removed.
  func cancelWaiting(_ statement: String) -> Bool
  /// Forgets every statement waiting to run.
  func discardWaiting()
}

/// Group commit for a store with one writer connection: writes that arrive while a transaction
/// runs wait, and the next transaction runs all of them (at most `maxBatch`), each in a savepoint
/// of its own, then commits once. A write that throws is rolled back to its savepoint and fails
/// alone; the others of its batch commit. No write is acknowledged before its commit returns, so
/// one durable commit (`synchronous = FULL`) covers every write of the batch. A write's SAVEPOINT
/// runs with its first statement and its RELEASE with the next write's first statement (or the
/// COMMIT); a write that ran no statement needs neither.
final class GroupCommit<Connection: GroupCommitConnection>: @unchecked Sendable {
  private struct Job {
    /// Fails the write without running it (its batch could not begin).
    var fail: @Sendable (Error) -> Void
    /// Runs the write in its savepoint; answers how to finish it once the batch's commit is known.
    var run: @Sendable (Connection, GroupCommit) async -> @Sendable (Error?) -> Void
  }

  static var savepoint: String { "SAVEPOINT groupcommit" }
  static var release: String { "RELEASE SAVEPOINT groupcommit" }
  static var rollback: String { "ROLLBACK TO SAVEPOINT groupcommit" }

  let maxBatch: Int
  private let connection: Connection
  private let exclusive: AsyncLock
  private let lock = NSLock()
  private var pending: [Job] = []
  private var draining = false
  /// Set when a failure left the batch's transaction unusable (SQLite rolled it back itself).
  private var broken: Error?

  /// `exclusive` is held for each batch, so that scripts run between batches, never inside one.
  init(connection: Connection, exclusive: AsyncLock, maxBatch: Int = 64) {
    self.connection = connection
    self.exclusive = exclusive
    self.maxBatch = maxBatch
  }

  func write<T: Sendable>(_ body: @escaping @Sendable (Connection) async throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
      let job = Job(fail: { continuation.resume(throwing: $0) }) { connection, queue in
        do {
          if let broken = queue.broken { throw broken }
          connection.runBeforeNext(Self.savepoint)
          let value = try await body(connection)
          if !connection.cancelWaiting(Self.savepoint) { connection.runBeforeNext(Self.release) }
          return { commitError in
            if let commitError {
              continuation.resume(throwing: commitError)
            } else {
              continuation.resume(returning: value)
            }
          }
        } catch {
          if queue.broken == nil, !connection.cancelWaiting(Self.savepoint) {
            do {
              try await connection.run([Self.rollback, Self.release])
            } catch let rollbackError {
              queue.broken = rollbackError
            }
          }
          return { _ in continuation.resume(throwing: error) }
        }
      }
      enqueue(job)
    }
  }

  private func enqueue(_ job: Job) {
    lock.lock()
    pending.append(job)
    let start = !draining
    draining = true
    lock.unlock()
    if start { Task { await self.drain() } }
  }

  /// The next batch, or nil (and no longer draining) when none is waiting.
  private func nextBatch() -> [Job]? {
    lock.lock()
    defer { lock.unlock() }
    guard !pending.isEmpty else {
      draining = false
      return nil
    }
    let batch = Array(pending.prefix(maxBatch))
    pending.removeFirst(batch.count)
    return batch
  }

  private func drain() async {
    while let batch = nextBatch() {
      await exclusive.lock()
      broken = nil
      connection.discardWaiting()
      var finishes: [@Sendable (Error?) -> Void] = []
      do {
        try await connection.run(["BEGIN IMMEDIATE"])
        for job in batch { finishes.append(await job.run(connection, self)) }
        if let broken { throw broken }
        try await connection.run(["COMMIT"])
        for finish in finishes { finish(nil) }
      } catch {
        connection.discardWaiting()
        try? await connection.run(["ROLLBACK"])
        for finish in finishes { finish(error) }
        for job in batch.dropFirst(finishes.count) { job.fail(error) }
      }
      await exclusive.unlock()
    }
  }
}
