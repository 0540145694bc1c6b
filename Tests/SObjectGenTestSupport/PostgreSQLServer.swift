import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A test's failure to reach an engine or a tool it needs.
public struct EngineError: Error, CustomStringConvertible {
  public var description: String
  public init(description: String) { self.description = description }
}

/// The PostgreSQL server of this test process: started on first use, stopped at exit.
public final class PostgreSQLServer: Sendable {
  public let bin: String
  public let folder: String
  /// The folder of the server's Unix socket (`.s.PGSQL.5432`).
  public var socketFolder: String { folder }

  /// Where the PostgreSQL server programs are: Debian's `postgresql-15` package, or `PG_BIN`.
  public static let installedBin: String? = {
    var candidates = ["/usr/lib/postgresql/15/bin"]
    if let configured = ProcessInfo.processInfo.environment["PG_BIN"] { candidates.insert(configured, at: 0) }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0 + "/pg_ctl") }
  }()

  private static let started: Result<PostgreSQLServer, EngineError> = {
    do {
      let server = try PostgreSQLServer()
      PostgreSQLServer.runningFolder = server.folder
      PostgreSQLServer.runningBin = server.bin
      atexit { PostgreSQLServer.stopRunningServer() }
      return .success(server)
    } catch let error as EngineError {
      return .failure(error)
    } catch {
      return .failure(EngineError(description: "\(error)"))
    }
  }()

  public static func shared() throws -> PostgreSQLServer { try started.get() }

  nonisolated(unsafe) private static var runningFolder: String?
  nonisolated(unsafe) private static var runningBin: String?

  private static func stopRunningServer() {
    guard let folder = runningFolder, let bin = runningBin else { return }
    _ = try? runProgram(
      "/bin/sh", ["-c", asPostgres("\(bin)/pg_ctl -D \(folder)/data -m immediate -w stop") + " >/dev/null 2>&1"])
    try? FileManager.default.removeItem(atPath: folder)
  }

  /// initdb refuses to run as root: as root, the server programs run as the `postgres` user.
  private static func asPostgres(_ command: String) -> String {
    getuid() == 0 ? "runuser -u postgres -- \(command)" : command
  }

  private init() throws {
    guard let bin = PostgreSQLServer.installedBin else {
      throw EngineError(
        description:
          "PostgreSQL 15 is not installed: /usr/lib/postgresql/15/bin/pg_ctl is missing (apt-get install -y postgresql)"
      )
    }
    self.bin = bin
    // A short path: a Unix socket path must stay under about 100 bytes.
    folder = "/tmp/sobjectgen-pg-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    if getuid() == 0 {
      let chown = try runProgram("/bin/chown", ["postgres:", folder])
      guard chown.status == 0 else { throw EngineError(description: "chown postgres \(folder): \(chown.stderr)") }
    }
    let initdb = try runProgram(
      "/bin/sh",
      [
        "-c",
        PostgreSQLServer.asPostgres(
          "\(bin)/initdb -D \(folder)/data -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8"),
      ])
    guard initdb.status == 0 else { throw EngineError(description: "initdb failed: \(initdb.stderr)") }
    // listen_addresses='' : no TCP at all, only the socket in the temp folder.
    let options = "-c listen_addresses='' -k \(folder) -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    let start = try runProgram(
      "/bin/sh",
      [
        "-c",
        PostgreSQLServer.asPostgres(
          "\(bin)/pg_ctl -D \(folder)/data -l \(folder)/server.log -w -o \"\(options)\" start"),
      ])
    guard start.status == 0 else {
      let log = (try? String(contentsOfFile: "\(folder)/server.log", encoding: .utf8)) ?? ""
      throw EngineError(description: "pg_ctl start failed: \(start.stderr)\(start.stdout)\n\(log)")
    }
  }

  public func psqlResult(database: String, _ script: String) throws -> ProcessResult {
    try runProgram(
      "\(bin)/psql",
      [
        "-h", socketFolder, "-U", "postgres", "-d", database, "-X", "-q", "-A", "-t", "-F", "|", "-P", "null=NULL",
        "-v", "ON_ERROR_STOP=1", "-f", "-",
      ], input: "SET client_min_messages = warning;\n" + script)
  }

  public func psql(database: String, _ script: String) throws {
    let result = try psqlResult(database: database, script)
    guard result.status == 0 else { throw EngineError(description: "psql: \(result.stderr)") }
  }
}
