import Foundation

/// Group commit for a store with one writer connection: writes that arrive while a transaction
/// runs wait, and the next transaction runs all of them (at most `maxBatch`), each in a savepoint
/// of its own, then commits once. A write that throws is rolled back to its savepoint and fails
/// alone; the others of its batch commit. No write is acknowledged before its commit returns, so
/// one durable commit (`synchronous = FULL`) covers every write of the batch.
final class GroupCommit<Session: Sendable>: @unchecked Sendable {
  /// Runs one statement on the writer connection, outside any savepoint bookkeeping.
  typealias Execute = @Sendable (String) async throws -> Void

  private struct Job {
    /// Fails the write without running it (its batch could not begin).
    var fail: @Sendable (Error) -> Void
    /// Runs the write in its savepoint; answers how to finish it once the batch's commit is known.
    var run: @Sendable (Session, GroupCommit) async -> @Sendable (Error?) -> Void
  }

  let maxBatch: Int
  private let session: Session
  private let execute: Execute
  private let exclusive: AsyncLock
  private let lock = NSLock()
  private var pending: [Job] = []
  private var draining = false
  /// Set when a failure left the batch's transaction unusable (SQLite rolled it back itself).
  private var broken: Error?

  /// `exclusive` is held for each batch, so that scripts run between batches, never inside one.
  init(session: Session, exclusive: AsyncLock, maxBatch: Int = 64, execute: @escaping Execute) {
    self.session = session
    self.exclusive = exclusive
    self.maxBatch = maxBatch
    self.execute = execute
  }

  func write<T: Sendable>(_ body: @escaping @Sendable (Session) async throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
      let job = Job(fail: { continuation.resume(throwing: $0) }) { session, queue in
        do {
          if let broken = queue.broken { throw broken }
          try await queue.execute("SAVEPOINT groupcommit")
          let value = try await body(session)
          try await queue.execute("RELEASE SAVEPOINT groupcommit")
          return { commitError in
            if let commitError {
              continuation.resume(throwing: commitError)
            } else {
              continuation.resume(returning: value)
            }
          }
        } catch {
          if queue.broken == nil {
            do {
              try await queue.execute("ROLLBACK TO SAVEPOINT groupcommit")
              try await queue.execute("RELEASE SAVEPOINT groupcommit")
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
      var finishes: [@Sendable (Error?) -> Void] = []
      do {
        try await execute("BEGIN IMMEDIATE")
        for job in batch { finishes.append(await job.run(session, self)) }
        if let broken { throw broken }
        try await execute("COMMIT")
        for finish in finishes { finish(nil) }
      } catch {
        try? await execute("ROLLBACK")
        for finish in finishes { finish(error) }
        for job in batch.dropFirst(finishes.count) { job.fail(error) }
      }
      await exclusive.unlock()
    }
  }
}
