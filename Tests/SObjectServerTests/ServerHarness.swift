import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SObjectGenTestSupport
import SObjectServer
import Testing

/// A server on a fresh SQLite file in a temporary folder, with a known token.
struct ServerHarness {
  static let token = "test-token-0123456789"
  static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

  static func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sobjectserver-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  static func configuration(database: String, metadata: String = metadataFolder) -> ServerConfiguration {
    ServerConfiguration(metadataDirectory: metadata, database: database, port: 0, token: token)
  }

  /// A copy of Metadata/ in `folder` with one object file edited (a relationship made master-detail…).
  static func metadataCopy(in folder: URL, editing file: String, _ edit: (String) -> String) throws -> String {
    let copy = folder.appendingPathComponent("Metadata")
    try FileManager.default.copyItem(atPath: metadataFolder, toPath: copy.path)
    let path = copy.appendingPathComponent("objects").appendingPathComponent(file)
    let original = try String(contentsOf: path, encoding: .utf8)
    let edited = edit(original)
    if edited == original { throw HarnessError(description: "the edit of \(file) changed nothing") }
    try edited.write(to: path, atomically: true, encoding: .utf8)
    return copy.path
  }

  /// A new, empty database of the engine: a SQLite file path or a PostgreSQL URL (a database of its
  /// own on the test process's PostgreSQL server, reached over its Unix socket).
  static func newDatabase(_ engine: Engine, in folder: URL) throws -> String {
    switch engine {
    case .sqlite: return folder.appendingPathComponent("test.db").path
    case .postgresql:
      try require(PostgreSQLServer.installedBin != nil, "PostgreSQL 15 is not installed (apt-get install postgresql)")
      let server = try PostgreSQLServer.shared()
      let name = "server_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
      try server.psql(database: "postgres", "CREATE DATABASE \(name);")
      return "postgres://postgres@localhost/\(name)?host=\(server.socketFolder)"
    }
  }

  /// Runs `body` against a server on a new database of the engine, in process (`.router`: no
  /// sockets) or listening on a loopback port (`.live`).
  static func withServer(
    _ mode: TestingSetup = .router, engine: Engine = .sqlite,
    metadata: (URL) throws -> String = { _ in metadataFolder },
    _ body: @escaping @Sendable (any TestClientProtocol, LocalServer) async throws -> Void
  ) async throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try await withServer(
      mode, configuration: configuration(database: try newDatabase(engine, in: folder), metadata: try metadata(folder)),
      body)
  }

  /// Runs `body` against a server started on `configuration` (an existing database, for a restart),
  /// then closes its store.
  static func withServer(
    _ mode: TestingSetup = .router, configuration: ServerConfiguration,
    _ body: @escaping @Sendable (any TestClientProtocol, LocalServer) async throws -> Void
  ) async throws {
    let server = try await LocalServer.prepare(configuration)
    do {
      try await server.application().test(mode) { client in try await body(client, server) }
    } catch {
      // A failed expectation must not leave the database open (sqlite-nio asserts on that).
      try? await server.service.store.close()
      throw error
    }
    try await server.service.store.close()
  }

  /// `start=…&end=…` from an hour ago to an hour ahead: getUpdated and getDeleted refuse a start
  /// more than 30 (15) days before today.
  static var recentWindow: String { window(from: Date() - 3600, to: Date() + 3600) }

  static func window(from start: Date, to end: Date) -> String {
    let format = ISO8601DateFormatter()
    return "start=\(format.string(from: start))&end=\(format.string(from: end))"
  }

  /// A missing client library or engine: a visible skip here, a failure in CI.
  static func require(_ available: Bool, _ reason: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    if available { return }
    if isCI { throw HarnessError(description: "\(reason); CI=true requires it") }
    try Test.cancel("skipped: \(reason)", sourceLocation: sourceLocation)
  }
}

enum Engine: String, CaseIterable, Sendable, CustomStringConvertible {
  case sqlite
  case postgresql
  var description: String { rawValue }
}

struct HarnessError: Error, CustomStringConvertible {
  var description: String
}

/// A response body as JSON.
struct Answer {
  var status: Int
  var text: String
  var headers: HTTPFields = [:]
  var json: Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) }
  var object: [String: Any] { json as? [String: Any] ?? [:] }
  var errors: [[String: Any]] { json as? [[String: Any]] ?? [] }
  var errorCodes: [String] { errors.compactMap { $0["errorCode"] as? String } }
  /// Salesforce's `Sforce-Limit-Info` header.
  var limitInfo: String? { headers[.init("Sforce-Limit-Info")!] }
}

extension TestClientProtocol {
  func call(
    _ method: HTTPRequest.Method, _ path: String, json: String? = nil, token: String? = ServerHarness.token,
    version: String = "v62.0"
  ) async throws -> Answer {
    var headers: HTTPFields = [.contentType: "application/json"]
    if let token { headers[.authorization] = "Bearer \(token)" }
    let uri = path.hasPrefix("/") ? path : "/services/data/\(version)/\(path)"
    let response = try await execute(
      uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    return Answer(status: Int(response.status.code), text: String(buffer: response.body), headers: response.headers)
  }
}

/// Runs a program without blocking Swift's cooperative threads (the server answers on them).
func runProgramOffThread(_ executable: String, _ arguments: [String], directory: URL? = nil) async throws
  -> ProcessResult
{
  try await withCheckedThrowingContinuation { continuation in
    Thread.detachNewThread {
      continuation.resume(with: Result { try runProgram(executable, arguments, directory: directory) })
    }
  }
}
