import Foundation
import SObjectGenCore
import SObjectGenTestSupport
import SObjectMetadata
import Testing

/// The cache of `generate` is never trusted blindly: whatever state it is in, the output folder ends
/// up exactly as a cold run (`--no-cache`, into an empty folder) makes it.
@Suite(.serialized) struct GenerationCacheTests {
  /// A copy of the metadata and an output folder in a temporary folder.
  struct Setup {
    var folder: URL
    var metadata: URL
    var output: URL { folder.appendingPathComponent("Generated") }
    var cache: URL { folder.appendingPathComponent(".sobjectgen-cache/Generated.cache") }
    var parseCache: URL { folder.appendingPathComponent(".sobjectgen-cache/Generated.parsed") }

    init() throws {
      folder = try makeTemporaryFolder()
      metadata = try copyOfMetadata(in: folder)
    }

    @discardableResult
    func generate(_ extra: [String] = [], output: URL? = nil) throws -> String {
      let result = try runCLI(
        ["generate", "--metadata", metadata.path, "--output", (output ?? self.output).path] + extra)
      #expect(result.status == 0, "\(result.stderr)")
      return result.stdout
    }

    /// What a cold run makes from the metadata as it is now.
    func coldOutput() throws -> [String: Data] {
      let cold = folder.appendingPathComponent("cold-\(UUID().uuidString)")
      defer { try? FileManager.default.removeItem(at: cold) }
      try generate(["--no-cache"], output: cold)
      return try snapshot(of: cold).mapValues(\.0)
    }

    func expectOutputIsCold(context: String = "", sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
      let actual = try snapshot(of: output).mapValues(\.0)
      let expected = try coldOutput()
      expectSameFiles(actual, expected, context: context, sourceLocation: sourceLocation)
    }

    func editDescription(of object: String) throws {
      try editFirstDescription(of: object, in: metadata)
    }
  }

  @Test func aMissingCacheGivesTheColdOutputAndIsWritten() throws {
    let setup = try Setup()
    defer { try? FileManager.default.removeItem(at: setup.folder) }
    #expect(!FileManager.default.fileExists(atPath: setup.cache.path))
    try setup.generate()
    #expect(FileManager.default.fileExists(atPath: setup.cache.path))
    try setup.expectOutputIsCold()
  }

  /// The output folder is locked and listed while the model loads: a model with errors leaves the
  /// folder exactly as it was, unlocked, and a missing folder missing.
  @Test func aRunWhoseMetadataFailsLeavesTheFolderAsItWasAndUnlocked() throws {
    let setup = try Setup()
    defer { try? FileManager.default.removeItem(at: setup.folder) }
    try setup.generate()
    let before = try snapshot(of: setup.output)
    try setup.editDescription(of: "Interaction")
    let lead = setup.metadata.appendingPathComponent("objects/Lead.yaml")
    let text = try String(contentsOf: lead, encoding: .utf8)
    try text.replacingOccurrences(of: "\nlabel:", with: "\nlabel: [\nbroken:").write(
      to: lead, atomically: true, encoding: .utf8)
    let missing = setup.folder.appendingPathComponent("NotYetMade")
    for output in [setup.output, missing] {
      #expect(throws: MetadataError.self) {
        _ = try IncrementalGeneration(metadata: setup.metadata.path, directory: OutputDirectory(path: output.path))
          .run()
      }
    }
    let after = try snapshot(of: setup.output)
    #expect(after.keys.sorted() == before.keys.sorted())
    #expect(after.allSatisfy { before[$0.key]?.0 == $0.value.0 && before[$0.key]?.1 == $0.value.1 })
    #expect(!FileManager.default.fileExists(atPath: setup.output.appendingPathComponent(".sobjectgen-staging").path))
    #expect(!FileManager.default.fileExists(atPath: missing.path))
    var directory = OutputDirectory(path: setup.output.path)
    directory.lockTimeout = 1
    try directory.begin().rollback()
  }

  @Test func withNothingChangedNothingIsWritten() throws {
    let setup = try Setup()
    defer { try? FileManager.default.removeItem(at: setup.folder) }
    try setup.generate()
    let before = try snapshot(of: setup.output)
    let summary = try setup.generate()
    #expect(summary.contains(" 0 added, 0 changed, 0 removed, \(before.count) unchanged."), "\(summary)")
    let after = try snapshot(of: setup.output)
    #expect(after.keys.sorted() == before.keys.sorted())
    #expect(after.allSatisfy { before[$0.key]?.1 == $0.value.1 }, "a file was rewritten")
  }

  @Test func aStaleCacheAfterAnEditGivesTheColdOutput() throws {
    let setup = try Setup()
    defer { try? FileManager.default.removeItem(at: setup.folder) }
    try setup.generate()
    try setup.editDescription(of: "Interaction")
    let summary = try setup.generate()
    #expect(!summary.contains(" 0 changed"), "\(summary)")
    try setup.expectOutputIsCold()
    // A second edit, of another object, on top of the refreshed cache.
    try setup.editDescription(of: "EngagementInteraction")
    try setup.generate()
    try setup.expectOutputIsCold()
  }

  @Test func aCorruptCacheIsIgnored() throws {
    let setup = try Setup()
    defer { try? FileManager.default.removeItem(at: setup.folder) }
    try setup.generate()
    try setup.editDescription(of: "Interaction")
    // Every object's fingerprint replaced by zeros would trust stale files if the checksum were not checked.
    var text = try String(contentsOf: setup.cache, encoding: .utf8)
    text = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      line.hasPrefix("object ") ? "object 0000000000000000" + line.dropFirst(23) : line
    }.joined(separator: "\n")
    try text.write(to: setup.cache, atomically: true, encoding: .utf8)
    try setup.generate()
    try setup.expectOutputIsCold()
    // Garbage, and an empty file.
    for garbage in ["not a cache", ""] {
      try garbage.write(to: setup.cache, atomically: true, encoding: .utf8)
      try setup.editDescription(of: "Interaction")
      try setup.generate()
      try setup.expectOutputIsCold()
    }
  }

  @Test func aForeignCacheIsIgnored() throws {
    let setup = try Setup()
    defer { try? FileManager.default.removeItem(at: setup.folder) }
    // A cache made for another output folder, holding files of the same names.
    let other = setup.folder.appendingPathComponent("Other")
    try setup.generate(output: other)
    try setup.generate()
    try setup.editDescription(of: "Interaction")
    try FileManager.default.removeItem(at: setup.cache)
    try FileManager.default.copyItem(
      at: setup.folder.appendingPathComponent(".sobjectgen-cache/Other.cache"), to: setup.cache)
    try setup.generate()
    try setup.expectOutputIsCold()
  }

  @Test func anOutputFileChangedOrRemovedBehindTheCacheIsMadeAgain() throws {
    let setup = try Setup()
    defer { try? FileManager.default.removeItem(at: setup.folder) }
    try setup.generate()
    let describe = setup.output.appendingPathComponent("describe/Interaction.json")
    try Data("{}\n".utf8).write(to: describe)
    try FileManager.default.removeItem(at: setup.output.appendingPathComponent("reference/Interaction.md"))
    try FileManager.default.removeItem(at: setup.output.appendingPathComponent("sql/sqlite.sql"))
    let extra = setup.output.appendingPathComponent("describe/Extra.json")
    try Data("extra".utf8).write(to: extra)
    try setup.generate()
    // A file the generator did not write (its manifest does not list it) is left alone.
    #expect(try Data(contentsOf: extra) == Data("extra".utf8))
    try FileManager.default.removeItem(at: extra)
    try setup.expectOutputIsCold()
  }

  @Test func noCacheIgnoresTheCache() throws {
    let setup = try Setup()
    defer { try? FileManager.default.removeItem(at: setup.folder) }
    try setup.generate()
    // An edit the stamps cannot see: same size, same modification time.
    let page = setup.output.appendingPathComponent("reference/Interaction.md")
    let attributes = try FileManager.default.attributesOfItem(atPath: page.path)
    var bytes = try Data(contentsOf: page)
    bytes[0] = bytes[0] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
    try bytes.write(to: page)
    try FileManager.default.setAttributes([.modificationDate: attributes[.modificationDate]!], ofItemAtPath: page.path)
    try setup.generate(["--no-cache"])
    try setup.expectOutputIsCold()
  }

  @Test func theCacheFileRoundTripsAndRejectsAnotherKey() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("c/x.cache")
    let stamp = GenerationCache.FileStamp(
      path: "reference/A B.md", size: 12, modified: 1_700_000_000_123_456_789, changed: 1_700_000_001_000_000_007)
    let cache = GenerationCache(
      key: "executable 1\nmetadata /m\noutput /o", metadataHashes: ["objects/A B.yaml": 42],
      objects: ["A": .init(fingerprint: .max, files: [stamp])],
      aggregateFiles: [.init(path: "sql/sqlite.sql", size: 1, modified: 2, changed: 3)],
      assembled: ["sql/sqlite.sql": .init(pieces: ["A": [3..<17, 17..<17], "A B": [0..<0, 20..<30]])])
    var withStamps = cache
    withStamps.metadataStamps = ["objects/A B.yaml": .init(path: "objects/A B.yaml", size: 7, modified: 8, changed: 9)]
    withStamps.metadataHashedAt = 1_700_000_002_000_000_000
    try withStamps.write(to: url)
    let read = try #require(GenerationCache.read(from: url, key: cache.key))
    #expect(read.metadataHashes == cache.metadataHashes)
    #expect(read.metadataStamps == withStamps.metadataStamps)
    #expect(read.metadataHashedAt == withStamps.metadataHashedAt)
    #expect(read.objects == cache.objects)
    #expect(read.aggregateFiles == cache.aggregateFiles)
    #expect(read.assembled == cache.assembled)
    #expect(GenerationCache.read(from: url, key: "executable 2\nmetadata /m\noutput /o") == nil)
    #expect(GenerationCache.read(from: folder.appendingPathComponent("missing"), key: cache.key) == nil)
  }

  // MARK: The metadata files' hashes

  /// A cache that says every metadata file, as it is now, was hashed at `hashedAt` into `hash`.
  static func cacheVouching(for metadata: URL, hashedAt: Int64, hash: UInt64) throws -> GenerationCache {
    let now = try MetadataHashing.hash(metadata.path, previous: nil)
    var cache = GenerationCache(key: "k", metadataHashes: now.hashes.mapValues { _ in hash })
    cache.metadataStamps = now.stamps
    cache.metadataHashedAt = hashedAt
    return cache
  }

  /// Changes one byte of `file` (its last `a` to `b`: the same size) and puts its modification time
  /// back, as a stamp that looked only at size and modification time would miss; returns the new bytes.
  @discardableResult
  static func rewriteKeepingModificationTime(_ file: URL) throws -> Data {
    let modified = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate])
    var bytes = try Data(contentsOf: file)
    let index = try #require(bytes.lastIndex(of: UInt8(ascii: "a")))
    bytes[index] = UInt8(ascii: "b")
    try bytes.write(to: file)
    try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: file.path)
    return bytes
  }

  @Test func aMetadataFileIsReadAgainUnlessItsStampVouchesForItAndIsOlderThanTheHashing() throws {
    let setup = try Setup()
    defer { try? FileManager.default.removeItem(at: setup.folder) }
    let cold = try MetadataHashing.hash(setup.metadata.path, previous: nil)
    #expect(cold.readCount == cold.hashes.count && cold.readCount > 2)
    #expect(cold.stamps.count == cold.hashes.count)
    // Stamps as recorded, hashed well after the files' times: the recorded hashes are taken as they are
    // (a wrong one here shows that no file was read).
    let later = MetadataHashing.racyWindow + 60_000_000_000
    let vouched = try Self.cacheVouching(for: setup.metadata, hashedAt: cold.hashedAt + later, hash: 7)
    let trusted = try MetadataHashing.hash(setup.metadata.path, previous: vouched)
    #expect(trusted.readCount == 0)
    #expect(trusted.hashes == cold.hashes.mapValues { _ in 7 })
    // Racily clean: the files were written within the window before the hashing began (here: the
    // copy just made), so the same stamps do not vouch for them: every file is read again.
    let racy = try Self.cacheVouching(for: setup.metadata, hashedAt: cold.hashedAt, hash: 7)
    let reread = try MetadataHashing.hash(setup.metadata.path, previous: racy)
    #expect(reread.readCount == cold.hashes.count)
    #expect(reread.hashes == cold.hashes)
    // A file rewritten with the same size and its modification time put back: its change time shows.
    let bytes = try Self.rewriteKeepingModificationTime(
      setup.metadata.appendingPathComponent("objects/Interaction.yaml"))
    let edited = try MetadataHashing.hash(setup.metadata.path, previous: vouched)
    #expect(edited.readCount == 1)
    #expect(edited.hashes["objects/Interaction.yaml"] == ContentHash.of(bytes))
  }

  @Test func aMetadataEditBehindStampsThatVouchGivesTheColdOutput() throws {
    let setup = try Setup()
    defer { try? FileManager.default.removeItem(at: setup.folder) }
    try setup.generate()
    // The cache as a run long after the copy would leave it (its stamps vouch for every file).
    // Its key is the one the CLI made (its own executable): the three lines after the format line.
    let text = try String(contentsOf: setup.cache, encoding: .utf8)
    let cacheKey = text.split(separator: "\n").dropFirst().prefix(3).joined(separator: "\n")
    var cache = try #require(GenerationCache.read(from: setup.cache, key: cacheKey))
    cache.metadataHashedAt += MetadataHashing.racyWindow + 60_000_000_000
    try cache.write(to: setup.cache)
    // An edit of the same size with the modification time put back, and an ordinary edit.
    try Self.rewriteKeepingModificationTime(setup.metadata.appendingPathComponent("objects/Interaction.yaml"))
    try setup.editDescription(of: "EngagementInteraction")
    try setup.generate()
    try setup.expectOutputIsCold()
  }

  // MARK: The files assembled from pieces per object

  @Test func anAssembledFileIsTheSameWhetherItsPiecesAreReusedOrMade() throws {
    let model = try loadRepositoryMetadata()
    let cold = try Self.outputs(of: model)
    let assembled = Generator.emitters.flatMap(\.assembled)
    #expect(Set(assembled.map(\.path)) == ["sql/sqlite.sql", "sql/postgresql.sql", "describe/global.json"])
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    for file in assembled {
      let made = DataCollector()
      let ranges = try file.make(model: model, sink: made.sink)
      #expect(made.data == cold[file.path], "\(file.path)")
      #expect(ranges.keys.sorted() == model.objects.map(\.name).sorted())
      // The previous file, open, as `PreviousPieces` hands its ranges on.
      let previous = folder.appendingPathComponent(file.path.replacingOccurrences(of: "/", with: "-")).path
      try made.data.write(to: URL(fileURLWithPath: previous))
      let descriptor = open(previous, O_RDONLY)
      #expect(descriptor >= 0)
      defer { close(descriptor) }
      // Every object's pieces taken from the file, then all but one, then those of every other object;
      // as bytes, and as ranges of the previous file, read in or copied by the kernel into a new file.
      for keep in [{ (_: Int) in true }, { $0 != 3 }, { $0 % 2 == 0 }] {
        for form in ["bytes", "read", "copied"] {
          let asked = Locked(0)
          let copies = Locked(0)
          let again = DataCollector()
          let copy = folder.appendingPathComponent("copy").path
          unlink(copy)
          let output = open(copy, O_WRONLY | O_CREAT | O_EXCL, 0o644)
          #expect(output >= 0)
          let sink =
            form == "copied"
            ? ByteSink(
              write: { bytes in _ = bytes.withMemoryRebound(to: UInt8.self) { write(output, $0.baseAddress, $0.count) }
              },
              copy: {
                copies.withLock { $0 += 1 }
                try FileRange.copy($0, $1, to: output, display: copy)
              }) : again.sink
          _ = try file.make(
            model: model,
            reuse: { object in
              let index = model.objects.firstIndex { $0.name == object.name }!
              guard keep(index) else { return nil }
              asked.withLock { $0 += 1 }
              return ranges[object.name]!.map {
                form == "bytes" ? .bytes(made.data[$0]) : .previous(descriptor: descriptor, range: $0)
              }
            },
            sink: sink)
          close(output)
          let result = form == "copied" ? try Data(contentsOf: URL(fileURLWithPath: copy)) : again.data
          #expect(result == made.data, "\(file.path), pieces as \(form)")
          #expect(asked.withLock { $0 } == model.objects.indices.filter(keep).count)
          // The ranges, the fixed text between them and the pieces made again (the same bytes as
          // before) all follow one another in the previous file: one copy of everything after the header.
          if form == "copied" { #expect(copies.withLock { $0 } == 1, "\(file.path)") }
        }
      }
    }
  }

  @Test func anAssembledFileChangedBehindTheCacheIsNotReused() throws {
    let setup = try Setup()
    defer { try? FileManager.default.removeItem(at: setup.folder) }
    try setup.generate()
    let cacheText = try String(contentsOf: setup.cache, encoding: .utf8)
    #expect(cacheText.contains("\nassembled ") && cacheText.contains(" sql/sqlite.sql\npiece "))
    // A byte of Account's table changed in both DDL files, their size and modification time kept:
    // the change time, which cannot be set back, shows it.
    for path in ["sql/sqlite.sql", "sql/postgresql.sql"] {
      let file = setup.output.appendingPathComponent(path)
      let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
      var bytes = try Data(contentsOf: file)
      let table = try #require(bytes.range(of: Data("CREATE TABLE \"Account\"".utf8)))
      bytes[table.upperBound + 4] ^= 0x01
      try bytes.write(to: file)
      try FileManager.default.setAttributes(
        [.modificationDate: attributes[.modificationDate]!], ofItemAtPath: file.path)
    }
    // An edit that reaches some tables (Interaction and the objects it refers to), not Account.
    try setup.editDescription(of: "Interaction")
    try setup.generate()
    try setup.expectOutputIsCold()
  }

  @Test func editsThatReachTheAssembledFilesGiveTheColdOutput() throws {
    let setup = try Setup()
    defer { try? FileManager.default.removeItem(at: setup.folder) }
    try setup.generate()
    let objects = setup.metadata.appendingPathComponent("objects")
    // A field's description (a column comment in both DDL files).
    let interaction = objects.appendingPathComponent("Interaction.yaml")
    var text = try String(contentsOf: interaction, encoding: .utf8)
    let fieldDescription = try #require(text.range(of: "\n    description: ", options: .backwards))
    text.replaceSubrange(fieldDescription, with: "\n    description: A column comment edited. ")
    try text.write(to: interaction, atomically: true, encoding: .utf8)
    try setup.generate()
    try setup.expectOutputIsCold()
    // An object's label (describeGlobal), then an object removed and one added back under another name.
    let visit = objects.appendingPathComponent("Visit.yaml")
    text = try String(contentsOf: visit, encoding: .utf8)
    try text.replacingOccurrences(of: "\nlabel: Visit\n", with: "\nlabel: Site Visit\n").write(
      to: visit, atomically: true, encoding: .utf8)
    try setup.generate()
    try setup.expectOutputIsCold()
    let fixture = objects.appendingPathComponent("ConformanceFixture__c.yaml")
    text = try String(contentsOf: fixture, encoding: .utf8)
    try FileManager.default.removeItem(at: fixture)
    try setup.generate()
    try setup.expectOutputIsCold()
    try text.replacingOccurrences(of: "\nname: ConformanceFixture__c\n", with: "\nname: AConformanceFixture__c\n")
      .write(to: objects.appendingPathComponent("AConformanceFixture__c.yaml"), atomically: true, encoding: .utf8)
    try setup.generate()
    try setup.expectOutputIsCold()
  }

  @Test func aChildsDescriptionDoesNotReachItsParentsFingerprintButItsReferencesDo() throws {
    let setup = try Setup()
    defer { try? FileManager.default.removeItem(at: setup.folder) }
    func fingerprints() throws -> [String: UInt64] {
      let model = try MetadataLoader.load(directory: setup.metadata.path)
      let hashes = try MetadataHashing.hash(setup.metadata.path, previous: nil).hashes
      return GenerationCache.fingerprints(of: model, metadataHashes: hashes)
    }
    let before = try fingerprints()
    // Interaction's own description: Interaction changes; User (which Interaction refers to) does not.
    try setup.editDescription(of: "Interaction")
    let afterDescription = try fingerprints()
    #expect(afterDescription["Interaction"] != before["Interaction"])
    #expect(afterDescription["User"] == before["User"])
    #expect(afterDescription["Account"] == before["Account"])
    // Its plural label names its child relationships: User changes.
    let interaction = setup.metadata.appendingPathComponent("objects/Interaction.yaml")
    let text = try String(contentsOf: interaction, encoding: .utf8)
    try text.replacingOccurrences(of: "\npluralLabel: ", with: "\npluralLabel: Edited ").write(
      to: interaction, atomically: true, encoding: .utf8)
    let afterLabel = try fingerprints()
    #expect(afterLabel["User"] != afterDescription["User"])
    #expect(afterLabel["Account"] != afterDescription["Account"])
    // Lead neither refers to Interaction nor is referred to by it.
    #expect(afterLabel["Lead"] == afterDescription["Lead"])
    // A new object changes every fingerprint (Swift type names are chosen among all the objects').
    try "name: Zeta__c\nlabel: Zeta\npluralLabel: Zetas\n".write(
      to: setup.metadata.appendingPathComponent("objects/Zeta__c.yaml"), atomically: true, encoding: .utf8)
    let afterNew = try fingerprints()
    #expect(afterLabel.allSatisfy { afterNew[$0.key] != $0.value })
  }

  @Test func theFileHashIsTheSameWhicheverPartsTheBytesComeIn() throws {
    let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 7) }
    let whole = bytes.withUnsafeBytes { FileHash.of(bytes: $0) }
    for cuts in [[0], [1], [7, 8, 9], [3, 500, 501, 999], Array(stride(from: 5, to: 1000, by: 13))] {
      var stream = FileHash.Stream()
      var start = 0
      for end in cuts + [bytes.count] {
        bytes[start..<end].withUnsafeBytes { stream.update($0) }
        start = end
      }
      #expect(stream.finish() == whole, "\(cuts)")
    }
    // Different bytes, lengths or trailing zeros hash differently.
    let others: [[UInt8]] = [Array(bytes.dropLast()), bytes + [0], [1] + Array(bytes.dropFirst()), [], [0], [0, 0]]
    let hashes = Set(([bytes] + others).map { $0.withUnsafeBytes { FileHash.of(bytes: $0) } })
    #expect(hashes.count == others.count + 1)
  }

  // MARK: The parse results

  /// Every output of a model, by path.
  static func outputs(of model: MetadataModel) throws -> [String: Data] {
    Dictionary(uniqueKeysWithValues: try Generator.generate(model: model).map { ($0.path, $0.contents) })
  }

  static func expectSameOutputs(
    _ actual: MetadataModel, _ expected: MetadataModel, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws {
    let actual = try outputs(of: actual)
    let expected = try outputs(of: expected)
    #expect(actual.keys.sorted() == expected.keys.sorted(), sourceLocation: sourceLocation)
    let differing = expected.keys.filter { actual[$0] != expected[$0] }.sorted()
    #expect(differing.isEmpty, "differ from a cold load: \(differing)", sourceLocation: sourceLocation)
  }

  @Test func aModelLoadedFromTheParseCacheGeneratesTheColdOutput() throws {
    let setup = try Setup()
    defer { try? FileManager.default.removeItem(at: setup.folder) }
    let url = setup.folder.appendingPathComponent("parsed")
    let files = try FileManager.default.contentsOfDirectory(
      atPath: setup.metadata.appendingPathComponent("objects").path
    )
    .filter { $0.hasSuffix(".yaml") }.count

    let first = ParseCache(key: "k")
    let cold = try MetadataLoader.load(directory: setup.metadata.path)
    let recorded = try MetadataLoader.load(directory: setup.metadata.path, parseCache: first)
    #expect(first.statistics.hits == 0)
    try first.write(to: url)
    try Self.expectSameOutputs(recorded, cold)

    // Every file from the cache.
    let second = ParseCache.read(from: url, key: "k")
    let cached = try MetadataLoader.load(directory: setup.metadata.path, parseCache: second)
    #expect(second.statistics.hits == files && second.statistics.misses == 0)
    #expect(!second.isModified)
    try Self.expectSameOutputs(cached, cold)

    // After an edit: the edited file alone is parsed again.
    try setup.editDescription(of: "Interaction")
    let third = ParseCache.read(from: url, key: "k")
    let edited = try MetadataLoader.load(directory: setup.metadata.path, parseCache: third)
    #expect(third.statistics.hits == files - 1 && third.statistics.misses == 1)
    #expect(third.isModified)
    try Self.expectSameOutputs(edited, try MetadataLoader.load(directory: setup.metadata.path))

    // Another key (another build of the generator): nothing is taken.
    let foreign = ParseCache.read(from: url, key: "other")
    try Self.expectSameOutputs(
      try MetadataLoader.load(directory: setup.metadata.path, parseCache: foreign),
      try MetadataLoader.load(directory: setup.metadata.path))
    #expect(foreign.statistics.hits == 0)
  }

  @Test func diagnosticsAreTheSameWhetherFilesComeFromTheParseCacheOrNot() throws {
    let setup = try Setup()
    defer { try? FileManager.default.removeItem(at: setup.folder) }
    let url = setup.folder.appendingPathComponent("parsed")
    let warm = ParseCache(key: "k")
    _ = try MetadataLoader.load(directory: setup.metadata.path, parseCache: warm)
    try warm.write(to: url)
    // Errors across files: a reference to an object whose file is gone, a key prefix used twice;
    // and an error in one file, which is never cached.
    let objects = setup.metadata.appendingPathComponent("objects")
    try FileManager.default.removeItem(at: objects.appendingPathComponent("Contact.yaml"))
    let lead = objects.appendingPathComponent("Lead.yaml")
    var text = try String(contentsOf: lead, encoding: .utf8)
    text = text.replacingOccurrences(of: "\nlabel:", with: "\nlabel: [\nbroken:", options: [], range: nil)
    try text.write(to: lead, atomically: true, encoding: .utf8)
    func diagnostics(_ cache: ParseCache?, directory: String) -> [String] {
      do {
        _ = try MetadataLoader.load(directory: directory, parseCache: cache)
        return []
      } catch let error as MetadataError {
        return error.diagnostics.map(\.description)
      } catch {
        return ["\(error)"]
      }
    }
    // The same folder named another way: locations name the path of this load, not of the one cached.
    let otherSpelling = setup.folder.appendingPathComponent("./Metadata/../Metadata").path
    for directory in [setup.metadata.path, otherSpelling] {
      let expected = diagnostics(nil, directory: directory)
      #expect(!expected.isEmpty)
      #expect(expected.contains { $0.contains("Contact") })
      let cache = ParseCache.read(from: url, key: "k")
      #expect(diagnostics(cache, directory: directory) == expected)
      #expect(cache.statistics.hits > 0)
      try cache.write(to: url)
      let again = ParseCache.read(from: url, key: "k")
      #expect(diagnostics(again, directory: directory) == expected)
      #expect(again.statistics.misses == 1, "the broken file is parsed on every load")
    }
  }

  @Test func aMissingStaleCorruptOrForeignParseCacheGivesTheColdOutput() throws {
    let setup = try Setup()
    defer { try? FileManager.default.removeItem(at: setup.folder) }
    try setup.generate()
    #expect(FileManager.default.fileExists(atPath: setup.parseCache.path))
    // Missing.
    try FileManager.default.removeItem(at: setup.parseCache)
    try setup.editDescription(of: "Interaction")
    try setup.generate()
    try setup.expectOutputIsCold()
    // Stale: the cache of the metadata before an edit.
    let stale = try Data(contentsOf: setup.parseCache)
    try setup.editDescription(of: "Interaction")
    try setup.editDescription(of: "EngagementInteraction")
    try stale.write(to: setup.parseCache)
    try setup.generate()
    try setup.expectOutputIsCold()
    // Corrupt: every byte of a payload flipped in turn would be slow; flip bytes spread over the
    // file (header and payloads), one run each, and truncate it.
    let good = try Data(contentsOf: setup.parseCache)
    for offset in [good.count / 7, good.count / 3, good.count / 2, good.count - 9] {
      var bad = good
      bad[offset] ^= 0x20
      try bad.write(to: setup.parseCache)
      try setup.editDescription(of: "EngagementInteraction")
      try setup.generate()
      try setup.expectOutputIsCold()
    }
    for garbage in [good.prefix(good.count / 2), Data("not a cache".utf8), Data()] {
      try garbage.write(to: setup.parseCache)
      try setup.editDescription(of: "Interaction")
      try setup.generate()
      try setup.expectOutputIsCold()
    }
    // Foreign: made for another output folder (another key), for metadata that differs.
    let other = setup.folder.appendingPathComponent("Other")
    try setup.generate(output: other)
    try setup.editDescription(of: "Interaction")
    try FileManager.default.copyItem(
      at: setup.folder.appendingPathComponent(".sobjectgen-cache/Other.parsed"),
      to: setup.parseCache.deletingLastPathComponent().appendingPathComponent("copy"))
    try FileManager.default.removeItem(at: setup.parseCache)
    try FileManager.default.moveItem(
      at: setup.parseCache.deletingLastPathComponent().appendingPathComponent("copy"), to: setup.parseCache)
    try setup.generate()
    try setup.expectOutputIsCold()
  }

  @Test func aSmallChangeGoesToADeltaBesideTheParseCacheWhichIsNeverTrustedBlindly() throws {
    let setup = try Setup()
    defer { try? FileManager.default.removeItem(at: setup.folder) }
    let url = setup.folder.appendingPathComponent("parsed")
    let delta = ParseCache.deltaLocation(of: url)
    let first = ParseCache(key: "k")
    _ = try MetadataLoader.load(directory: setup.metadata.path, parseCache: first)
    try first.write(to: url)
    #expect(!FileManager.default.fileExists(atPath: delta.path))
    let base = try Data(contentsOf: url)
    // One small file changed: its entry alone goes to the delta; the base is left as it was.
    let visit = setup.metadata.appendingPathComponent("objects/Visit.yaml")
    try (try String(contentsOf: visit, encoding: .utf8) + "# edited\n").write(
      to: visit, atomically: true, encoding: .utf8)
    let cold = try MetadataLoader.load(directory: setup.metadata.path)
    let second = ParseCache.read(from: url, key: "k")
    try Self.expectSameOutputs(try MetadataLoader.load(directory: setup.metadata.path, parseCache: second), cold)
    #expect(second.statistics.misses == 1)
    try second.write(to: url)
    #expect(try Data(contentsOf: url) == base, "the base was rewritten")
    let deltaBytes = try Data(contentsOf: delta)
    #expect(deltaBytes.count < base.count / 4)
    // Read over the base: nothing is parsed again, and there is nothing to write.
    let third = ParseCache.read(from: url, key: "k")
    try Self.expectSameOutputs(try MetadataLoader.load(directory: setup.metadata.path, parseCache: third), cold)
    #expect(third.statistics.misses == 0)
    #expect(!third.isModified)
    // A delta with a payload that fails its checksum, or cut short: the file it holds is parsed again.
    var flipped = deltaBytes
    flipped[flipped.count - 3] ^= 0x01
    for corrupt in [flipped, deltaBytes.dropLast(5)] {
      try corrupt.write(to: delta)
      let cache = ParseCache.read(from: url, key: "k")
      try Self.expectSameOutputs(try MetadataLoader.load(directory: setup.metadata.path, parseCache: cache), cold)
      #expect(cache.statistics.misses == 1)
      #expect(cache.isModified)
    }
    // A whole write (here by a cache that read nothing) removes the delta before the new base lands.
    try deltaBytes.write(to: delta)
    let fresh = ParseCache(key: "k")
    _ = try MetadataLoader.load(directory: setup.metadata.path, parseCache: fresh)
    try fresh.write(to: url)
    #expect(!FileManager.default.fileExists(atPath: delta.path))
    #expect(try Data(contentsOf: url) != base)
  }

  @Test func aPayloadThatFailsItsChecksumIsParsedAgain() throws {
    let setup = try Setup()
    defer { try? FileManager.default.removeItem(at: setup.folder) }
    let url = setup.folder.appendingPathComponent("parsed")
    let cache = ParseCache(key: "k")
    let cold = try MetadataLoader.load(directory: setup.metadata.path, parseCache: cache)
    try cache.write(to: url)
    // Flip one byte of the last payload (the end of the file): that file alone is parsed again.
    var data = try Data(contentsOf: url)
    data[data.count - 3] ^= 0x01
    try data.write(to: url)
    let read = ParseCache.read(from: url, key: "k")
    try Self.expectSameOutputs(try MetadataLoader.load(directory: setup.metadata.path, parseCache: read), cold)
    #expect(read.statistics.misses == 1)
  }
}
