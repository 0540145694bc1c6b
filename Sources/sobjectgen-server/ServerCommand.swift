import ArgumentParser
import Foundation
import Hummingbird
import SObjectServer

#if canImport(Glibc)
  import Glibc
#endif

/// `sobjectgen-server`: serves the metadata's objects over Salesforce's REST API.
@main
struct ServerCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sobjectgen-server",
    abstract: "A local Salesforce-compatible REST server for the objects of the metadata.")

  @Option(help: "The metadata folder.") var metadata = "Metadata"
  @Option(help: "A SQLite file, or a postgres:// URL.") var database = "local.db"
  @Option(help: "The address to listen on.") var host = "127.0.0.1"
  @Option(help: "The port to listen on (0: any free port).") var port = 8080
  @Option(help: "The bearer token clients must send; made up and printed when not given.") var token: String?
  @Flag(help: "Apply migrations that can lose data.") var allowDestructive = false
  @Option(help: "The daily API request limit the Sforce-Limit-Info header reports.") var apiLimit = 15_000

  func run() async throws {
    Self.keepFreedMemory()
    let configuration = ServerConfiguration(
      metadataDirectory: metadata, database: database, host: host, port: port, token: token ?? LocalServer.makeToken(),
      allowDestructive: allowDestructive, apiRequestLimit: apiLimit)
    let server: LocalServer
    do {
      server = try await LocalServer.prepare(configuration)
    } catch {
      FileHandle.standardError.write(Data("sobjectgen-server: \(error)\n".utf8))
      throw ExitCode(1)
    }
    // Unbuffered, so that whoever started the server reads each line as it comes.
    @Sendable func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    switch server.outcome {
    case .created: say("Created \(database) from \(metadata).")
    case .upToDate: say("\(database) matches \(metadata).")
    case .migrated(let statements): say("Migrated \(database) to \(metadata) (\(statements) statements).")
    }
    let app = server.application { port in
      say("Listening on http://\(configuration.host):\(port)")
      say("Token: \(configuration.token)")
    }
    try await app.runService()
    // SIGINT or SIGTERM: the server has stopped; close the database before the process ends.
    try await server.service.store.close()
  }

  /// glibc hands the top of a thread's heap back to the kernel once 128 KB or more of it is free
  /// (`madvise`), raising that mark as it goes, and the next allocations fault the pages in again:
  /// about a fifth of a create's CPU under load went to those faults. The server keeps up to 64 MiB
  /// free per heap instead, and allocates blocks below 4 MiB from its heaps rather than mapping each
  /// one (Benchmarks/README.md, "Round 4": about 22 % less CPU per create, 2,000 creates a second).
  static func keepFreedMemory() {
    #if canImport(Glibc)
      // glibc's `mallopt` and its parameters (malloc.h), which Swift's Glibc module does not declare.
      typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
      let trimThreshold: Int32 = -1
      let mmapThreshold: Int32 = -3
      guard let mallopt = dlsym(nil, "mallopt").map({ unsafeBitCast($0, to: Mallopt.self) }) else { return }
      _ = mallopt(trimThreshold, 64 << 20)
      _ = mallopt(mmapThreshold, 4 << 20)
    #endif
  }
}
