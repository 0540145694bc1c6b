import Foundation
import SObjectGenTestSupport
import SObjectServer
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// `sobjectgen-server` as a process: killed with SIGKILL in a write burst, restarted; and the
/// database brought up to date when the metadata changes.
@Suite(.serialized) struct ServerProcessTests {
  /// The built executable, beside the test bundle.
  static var executable: String {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for folder in [beside, beside.deletingLastPathComponent(), packageRoot.appendingPathComponent(".build/debug")] {
      let path = folder.appendingPathComponent("sobjectgen-server").path
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return packageRoot.appendingPathComponent(".build/debug/sobjectgen-server").path
  }

  struct Running {
    var process: Process
    var port: Int
  }

  static func start(database: String, metadata: String = metadataFolder, log: URL) async throws -> Running {
    try await start(
      arguments: ["--metadata", metadata, "--database", database, "--port", "0", "--token", ServerHarness.token],
      log: log)
  }

  /// Starts the server with the arguments (one must be `--port 0`) and waits until it listens.
  static func start(arguments: [String], log: URL) async throws -> Running {
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = try FileHandle(forWritingTo: log)
    process.standardError = process.standardOutput
    try process.run()
    for _ in 0..<600 {
      let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
      if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Listening on http://") }),
        let port = Int(line.split(separator: ":").last ?? "")
      {
        return Running(process: process, port: port)
      }
      if !process.isRunning { throw HarnessError(description: "the server ended: \(text)") }
      try await Task.sleep(for: .milliseconds(100))
    }
    process.terminate()
    throw HarnessError(description: "the server did not start")
  }

  static func request(_ port: Int, _ method: String, _ path: String, _ body: String? = nil) async throws -> (Int, Data)
  {
    var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/services/data/v62.0/\(path)")!)
    request.httpMethod = method
    request.timeoutInterval = 10
    request.setValue("Bearer \(ServerHarness.token)", forHTTPHeaderField: "Authorization")
    request.httpBody = body.map { Data($0.utf8) }
    let (data, response) = try await URLSession.shared.data(for: request)
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
  }

  @Test(.timeLimit(.minutes(20)), arguments: Engine.allCases)
  func killDuringAWriteBurstLosesNoAcknowledgedWrite(engine: Engine) async throws {
    let folder = try ServerHarness.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let database = try ServerHarness.newDatabase(engine, in: folder)
    let first = try await Self.start(database: database, log: folder.appendingPathComponent("first.log"))
    let body = #"{"CommunicationChannel": "Voice Call", "StartDateTime": "2024-03-01T10:00:00Z"}"#
    let port = first.port
    let failures = FailureLog()
    let acknowledged = try await withThrowingTaskGroup(of: [String].self) { group in
      for _ in 0..<6 {
        group.addTask {
          var ids: [String] = []
          while true {
            let status: Int
            let data: Data
            do {
              (status, data) = try await Self.request(port, "POST", "sobjects/EngagementInteraction", body)
            } catch {
              failures.record("\(error)")
              return ids
            }
            if status == 201,
              let id = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["id"] as? String
            {
              ids.append(id)
              failures.acknowledge()
            } else {
              failures.record("\(status) \(String(decoding: data, as: UTF8.self))")
            }
          }
        }
      }
      // Kill mid-burst, once some writes are acknowledged: 30, or after two minutes the 10 checked
      // below. A loaded machine answers slowly: each group commit waits for the disk (`synchronous =
      // FULL`), and a CI run beside every other suite acknowledged 6 writes in two minutes.
      let start = Date()
      while failures.acknowledged < (Date().timeIntervalSince(start) < 120 ? 30 : 10),
        Date().timeIntervalSince(start) < 600
      {
        try await Task.sleep(for: .milliseconds(20))
      }
      kill(first.process.processIdentifier, SIGKILL)
      first.process.waitUntilExit()
      return try await group.reduce(into: []) { $0 += $1 }
    }
    #expect(acknowledged.count >= 10, "the burst acknowledged \(acknowledged.count) writes; \(failures.first ?? "")")

    let second = try await Self.start(database: database, log: folder.appendingPathComponent("second.log"))
    defer {
      second.process.terminate()
      second.process.waitUntilExit()
    }
    var missing: [String] = []
    for id in acknowledged {
      let (status, _) = try await Self.request(second.port, "GET", "sobjects/EngagementInteraction/\(id)?fields=Id")
      if status != 200 { missing.append(id) }
    }
    #expect(missing.isEmpty, "acknowledged but missing after the restart: \(missing)")
    if engine == .sqlite {
      // PostgreSQL's own crash safety is not at stake: only the server's process was killed.
      let store = try await SQLiteStore.open(path: database, readers: 1)
      #expect(try await store.integrityCheck() == "ok")
      try await store.close()
    }
  }

  /// A database made from older metadata is migrated on start; a change that can lose data is
  /// refused, named, unless allowed.
  @Test func startMigratesAndRefusesDestructiveChanges() async throws {
    let folder = try ServerHarness.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let metadata = folder.appendingPathComponent("Metadata")
    try FileManager.default.copyItem(atPath: metadataFolder, toPath: metadata.path)
    let database = folder.appendingPathComponent("migrate.db").path
    var configuration = ServerHarness.configuration(database: database)
    configuration.metadataDirectory = metadata.path
    let created = try await LocalServer.prepare(configuration)
    #expect(created.outcome == .created)
    try await created.service.store.close()

    let file = metadata.appendingPathComponent("objects/EngagementInteraction.yaml")
    let original = try String(contentsOf: file, encoding: .utf8)
    let added = original.replacingOccurrences(
      of: "\nfields:\n",
      with: "\nfields:\n  FollowUpDate:\n    type: date\n    properties: [Create, Filter, Nillable, Sort, Update]\n")
    try added.write(to: file, atomically: true, encoding: .utf8)
    let migrated = try await LocalServer.prepare(configuration)
    guard case .migrated = migrated.outcome else {
      Issue.record("expected a migration, got \(migrated.outcome)")
      return
    }
    try await migrated.service.store.close()

    try original.write(to: file, atomically: true, encoding: .utf8)
    await #expect(throws: BootstrapError.self) { _ = try await LocalServer.prepare(configuration) }
    do {
      _ = try await LocalServer.prepare(configuration)
    } catch {
      #expect("\(error)".contains("FollowUpDate"), "\(error)")
    }
    configuration.allowDestructive = true
    let destroyed = try await LocalServer.prepare(configuration)
    guard case .migrated = destroyed.outcome else {
      Issue.record("expected a destructive migration, got \(destroyed.outcome)")
      return
    }
    try await destroyed.service.store.close()
  }
}

/// The first failure a burst of requests met.
final class FailureLog: @unchecked Sendable {
  private let lock = NSLock()
  private var messages: [String] = []
  private var count = 0
  func acknowledge() {
    lock.lock()
    count += 1
    lock.unlock()
  }
  var acknowledged: Int {
    lock.lock()
    defer { lock.unlock() }
    return count
  }
  func record(_ message: String) {
    lock.lock()
    messages.append(message)
    lock.unlock()
  }
  var first: String? {
    lock.lock()
    defer { lock.unlock() }
    return messages.first
  }
}
