import Foundation
import SObjectGenTestSupport
import Testing

@testable import SObjectGenCore

/// The output folder belongs to the generator only as far as its manifest says: what it must never
/// delete, write through, or leave half-done (issue items 8–12).
@Suite struct OutputFolderSafetyTests {
  let files = [
    OutputFile(path: "describe/A.json", text: "{}"), OutputFile(path: "reference/A.md", text: "# A\n"),
  ]

  func write(_ text: String, _ url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: false, encoding: .utf8)
  }

  // MARK: 8. Only what the generator wrote

  @Test func anOutputFolderHoldingTheMetadataIsRefusedAndNothingIsDeleted() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let metadata = try copyOfMetadata(in: folder)
    let before = try snapshot(of: metadata)
    for output in ["Metadata", "."] {
      let result = try runCLI(["generate", "--output", output], in: folder)
      #expect(result.status == 1)
      #expect(result.stderr.contains("the output folder holds the metadata folder 'Metadata'"), "\(result.stderr)")
    }
    #expect(try snapshot(of: metadata).mapValues(\.0) == before.mapValues(\.0))
  }

  @Test func aCloneIsNotAnOutputFolder() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try write("[core]\n", folder.appendingPathComponent("clone/.git/config"))
    try write("let x = 1\n", folder.appendingPathComponent("clone/Sources/x.swift"))
    let result = try runCLI(["generate", "--metadata", metadataFolder, "--output", "clone"], in: folder)
    #expect(result.status == 1)
    #expect(result.stderr.contains("error: clone: the folder is not empty and has no .sobjectgen-manifest"))
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("clone/.git/config").path))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("clone/describe").path))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("clone/.sobjectgen-staging").path))

    // With --force it writes, and still removes nothing it did not write.
    let forced = try runCLI(["generate", "--metadata", metadataFolder, "--output", "clone", "--force"], in: folder)
    #expect(forced.status == 0, "\(forced.stderr)")
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("clone/.git/config").path))
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("clone/Sources/x.swift").path))
    #expect(forced.stderr.contains("note: clone/Sources/x.swift: not written by sobjectgen; left alone"))
  }

  @Test func onlyFilesTheManifestListsAreRemoved() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let directory = OutputDirectory(path: folder.path)
    try directory.write(files)
    #expect(
      try String(contentsOf: folder.appendingPathComponent(".sobjectgen-manifest"), encoding: .utf8)
        == "# Written by sobjectgen: the files it generated in this folder. Only these are replaced or removed.\ndescribe/A.json\nreference/A.md\n"
    )
    try write("mine", folder.appendingPathComponent("describe/notes.txt"))
    let plan = try directory.write([files[0]])
    #expect(plan.removed == ["reference/A.md"])
    #expect(plan.foreign == ["describe/notes.txt"])
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("describe/notes.txt").path))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("reference").path))
  }

  @Test func checkTreatsTheManifestAsAnOutput() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("Generated")
    #expect(try runCLI(["generate", "--metadata", metadataFolder, "--output", out.path]).status == 0)
    #expect(try runCLI(["generate", "--check", "--metadata", metadataFolder, "--output", out.path]).status == 0)
    try "# edited\n".write(to: out.appendingPathComponent(".sobjectgen-manifest"), atomically: false, encoding: .utf8)
    let check = try runCLI(["generate", "--check", "--metadata", metadataFolder, "--output", "Generated"], in: folder)
    #expect(check.status == 1)
    #expect(check.stderr.hasPrefix("Generated/.sobjectgen-manifest: stale\n"), "\(check.stderr)")
  }

  // MARK: 9. No writes or deletes through links

  @Test func aPlantedLinkIsNeverWrittenOrDeletedThrough() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("out")
    let elsewhere = folder.appendingPathComponent("elsewhere")
    try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    let directory = OutputDirectory(path: out.path)
    try directory.write(files)
    // A folder replaced by a link out of the output folder.
    try FileManager.default.removeItem(at: out.appendingPathComponent("describe"))
    try FileManager.default.createSymbolicLink(
      at: out.appendingPathComponent("describe"), withDestinationURL: elsewhere)
    #expect(throws: OutputError.self) { try directory.write(files) }
    #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    // A file replaced by a link to a victim: neither changed nor removed.
    try FileManager.default.removeItem(at: out.appendingPathComponent("describe"))
    let victim = folder.appendingPathComponent("victim.txt")
    try write("precious", victim)
    try FileManager.default.removeItem(at: out.appendingPathComponent("reference/A.md"))
    try FileManager.default.createSymbolicLink(
      at: out.appendingPathComponent("reference/A.md"), withDestinationURL: victim)
    do {
      try directory.write(files.map { OutputFile(path: $0.path, text: "new") })
      Issue.record("wrote through a link")
    } catch let error as OutputError {
      #expect(error.description.contains("is a symbolic link"), "\(error)")
    }
    do {
      try directory.write([])
      Issue.record("removed through a link")
    } catch let error as OutputError {
      #expect(error.description.contains("is a symbolic link"), "\(error)")
    }
    #expect(try String(contentsOf: victim, encoding: .utf8) == "precious")
  }

  @Test func theOutputFolderItselfMayBeALink() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let real = folder.appendingPathComponent("real")
    try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("out"), withDestinationURL: real)
    try OutputDirectory(path: folder.appendingPathComponent("out").path).write(files)
    #expect(FileManager.default.fileExists(atPath: real.appendingPathComponent("describe/A.json").path))
  }

  // MARK: 10. One run at a time

  @Test func aSecondRunWaitsForTheLockAndThenFailsClearly() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let first = try OutputDirectory(path: folder.path).begin()
    var second = OutputDirectory(path: folder.path)
    second.lockTimeout = 0.3
    do {
      _ = try second.begin()
      Issue.record("two runs held the lock")
    } catch let error as OutputError {
      #expect(error.problem.contains("another sobjectgen run has been writing into this folder"))
    }
    try first.add(files[0])
    try first.commit()
    // Released: the next run goes ahead.
    try second.write(files)
    #expect(try second.plan(for: files).isUpToDate)
  }

  @Test func theCommandLineWaitsForAnotherRun() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("Generated")
    var transaction: OutputTransaction? = try OutputDirectory(path: out.path).begin()
    let process = Process()
    process.executableURL = sobjectgenExecutable()
    process.arguments = ["generate", "--metadata", metadataFolder, "--output", out.path]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = Pipe()
    try process.run()
    Thread.sleep(forTimeInterval: 1.5)
    #expect(process.isRunning, "the second run did not wait")
    transaction?.rollback()
    transaction = nil
    process.waitUntilExit()
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationStatus == 0, "\(stderr)")
    #expect(stderr.contains("another run is writing into"))
  }

  // MARK: 11. Staged, then moved into place

  @Test func aFailurePartWayLeavesTheOldGenerationAndNoDebris() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let directory = OutputDirectory(path: folder.path)
    try directory.write(files)
    let before = try snapshot(of: folder)
    // The next generation changes both files and adds one where a file blocks its folder.
    try write("blocking", folder.appendingPathComponent("layouts"))
    let next = files.map { OutputFile(path: $0.path, text: "new") } + [OutputFile(path: "layouts/A.json", text: "{}")]
    do {
      try directory.write(next)
      Issue.record("the write succeeded")
    } catch let error as OutputError {
      #expect(
        error.description
          == "error: \(folder.path)/layouts: is a file where a folder of generated files belongs; remove or rename it")
    }
    var after = try snapshot(of: folder)
    after["layouts"] = nil
    #expect(after.mapValues(\.0) == before.mapValues(\.0), "the old generation is intact")
    #expect(after.mapValues(\.1) == before.mapValues(\.1))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".sobjectgen-staging").path))
  }

  @Test func whatAKilledRunLeftIsCleanedUpByTheNext() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let directory = OutputDirectory(path: folder.path)
    try directory.write(files)
    try write("half", folder.appendingPathComponent(".sobjectgen-staging/describe/A.json"))
    #expect(try directory.plan(for: files).isUpToDate, "a killed run's staging is not part of the folder")
    try directory.write(files)
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".sobjectgen-staging").path))
  }

  @Test func aRunKilledWithSignalNineLeavesCompleteFilesOnly() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("Generated")
    #expect(try runCLI(["generate", "--metadata", metadataFolder, "--output", out.path]).status == 0)
    let good = try snapshot(of: out).mapValues(\.0)
    for delay in [0.02, 0.05, 0.1, 0.2] {
      try FileManager.default.removeItem(at: out)
      let process = Process()
      process.executableURL = sobjectgenExecutable()
      process.arguments = ["generate", "--metadata", metadataFolder, "--output", out.path]
      process.standardOutput = Pipe()
      process.standardError = Pipe()
      try process.run()
      Thread.sleep(forTimeInterval: delay)
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      // Every file outside the staging folder is complete.
      for (path, (data, _)) in try snapshot(of: out) where !path.hasPrefix(".sobjectgen-staging") {
        #expect(good[path] == data, "\(path) is incomplete after a kill at \(delay) s")
      }
      #expect(try runCLI(["generate", "--metadata", metadataFolder, "--output", out.path]).status == 0)
      #expect(try snapshot(of: out).mapValues(\.0) == good)
    }
  }

  // MARK: 12. Readable errors

  @Test func fileSystemErrorsSayWhatIsWrongWithWhichPath() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try write("a file", folder.appendingPathComponent("out"))
    let result = try runCLI(["generate", "--metadata", metadataFolder, "--output", "out"], in: folder)
    #expect(result.status == 1)
    #expect(result.stderr == "error: out: is a file, not a folder\n")
    #expect(!result.stderr.contains("NSCocoaErrorDomain"))
  }

  @Test func metadataFolderProblemsAreNamedAndEditorLockFilesIgnored() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let metadata = try copyOfMetadata(in: folder)
    let objects = metadata.appendingPathComponent("objects")
    try write("user@host.1234:1700000000", objects.appendingPathComponent(".#Visit.yaml"))
    #expect(try runCLI(["validate"], in: folder).status == 0)
    try FileManager.default.createDirectory(
      at: objects.appendingPathComponent("Bad.yaml"), withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: objects.appendingPathComponent("Loop.yaml").path, withDestinationPath: "Loop.yaml")
    let result = try runCLI(["validate"], in: folder)
    #expect(
      result.stderr == """
        Metadata/objects/Bad.yaml:1:1: error: is a folder named like a metadata file; an object file must be a file
        Metadata/objects/Loop.yaml:1:1: error: cannot read the file: too many symbolic links (a symbolic link loop?)
        2 errors found.

        """)
  }
}
