import Dispatch
import Foundation
import SObjectMetadata

/// One run of `generate` into an output folder, making again only what an edit can reach
/// (`GenerationCache`, `ParseCache`, `PreviousPieces`) and writing only the files whose content
/// changed (`OutputDirectory`). `sobjectgen generate` and the build plugin's `plugin-outputs` both
/// run it, so that there is one incremental path.
public struct IncrementalGeneration {
  /// What a run did: the folder's plan (nil when nothing had changed and nothing was looked at
  /// beyond the cache), how many files the folder holds, and the stamps of the files each object
  /// made and of the files made from the whole model (the manifest left out).
  public struct Result: Sendable {
    public var plan: OutputDirectory.Plan?
    public var fileCount: Int
    public var objectFiles: [String: [GenerationCache.FileStamp]]
    public var aggregateFiles: [GenerationCache.FileStamp]
    /// The model the run loaded; nil when nothing had changed and it loaded none (`loadModel()`).
    public var model: MetadataModel?
    /// The model, caches and output transaction (with its lists of every output path) the run
    /// built, handed back so that a process about to end need not free them (freeing a large org's
    /// model takes a good share of a one-file edit's run).
    public var built: [any Sendable] = []
  }

  public var metadata: String
  public var directory: OutputDirectory
  /// Whether the caches beside the output folder are read and written (`--no-cache` clears it).
  public var usesCache: Bool

  /// With patterns (as a `sobjectgen-plugin.json` lists them), only the objects they match get
  /// their files made (the files made from the whole model are made in full); a cache made with other
  /// patterns is not used.
  public var objectPatterns: [String]?

  public init(metadata: String, directory: OutputDirectory, usesCache: Bool = true, objectPatterns: [String]? = nil) {
    self.metadata = metadata
    self.directory = directory
    self.usesCache = usesCache
    self.objectPatterns = objectPatterns
  }

  /// Loads the model as `run()` does (the files the parse cache holds are not parsed again), without
  /// writing anything: for a caller that needs the model after a run that found nothing changed.
  public func loadModel() throws -> MetadataModel {
    try MetadataLoader.load(directory: metadata, parseCache: readParseCache(), knownHashes: [:])
  }

  /// What each metadata file parsed into in an earlier run (nil without the cache).
  private func readParseCache() -> ParseCache? {
    guard usesCache else { return nil }
    let output = directory.path
    return ParseCache.read(
      from: GenerationCache.parseCacheLocation(forOutput: output),
      key: GenerationCache.key(metadataDirectory: metadata, outputDirectory: output))
  }

  /// Loads the metadata (throwing `MetadataError` on a problem), makes what changed and writes it.
  public func run() throws -> Result {
    let output = directory.path
    let usesCache = self.usesCache
    let cacheURL = GenerationCache.defaultLocation(forOutput: output)
    var key = ""
    // The output cache's key names the objects made; the parse cache's does not depend on them.
    var cacheKey = ""
    let selection = objectPatterns.map(PluginTargetObjects.init(patterns:))
    var hashes: [String: UInt64] = [:]
    var hashing: MetadataHashing.Result?
    var previous: GenerationCache?
    if usesCache {
      key = GenerationCache.key(metadataDirectory: metadata, outputDirectory: output)
      cacheKey = key + (objectPatterns.map { "\nobjects " + $0.map { "\($0.utf8.count):\($0)" }.joined() } ?? "")
      previous = GenerationCache.read(from: cacheURL, key: cacheKey)
      // Files whose stamps vouch for them (`MetadataHashing`) are not read again.
      hashing = try? MetadataHashing.hash(metadata, previous: previous)
      hashes = hashing?.hashes ?? [:]
      if let previous, let count = previous.fileCountIfNothingChanged(metadataHashes: hashes, output: output) {
        return Result(
          plan: nil, fileCount: count, objectFiles: previous.objects.mapValues(\.files),
          aggregateFiles: previous.aggregateFiles.filter { $0.path != OutputDirectory.manifestName })
      }
    }
    // Files whose bytes are those of a clean parse of an earlier run are not parsed again.
    let parseCacheURL = GenerationCache.parseCacheLocation(forOutput: output)
    // An output folder that is there is locked and listed (`begin`) while the model loads, on a core
    // the load leaves idle part of the time; one that is not is made only once the model is valid,
    // so that a run that fails leaves no folder behind.
    let opening = DispatchGroup()
    let opened = Locked<Swift.Result<OutputTransaction, Error>?>(nil)
    // The streamed files it replaces (the DDL files, describeGlobal) are kept beside the cache, to be
    // written over by the next run.
    var spared = self.directory
    if usesCache { spared.spareFolder = GenerationCache.spareLocation(forOutput: output).path }
    let directory = spared
    if FileSystem.kind(output, followingLinks: true) == .directory {
      DispatchQueue.global().async(group: opening) {
        let transaction = Swift.Result { try directory.begin() }
        opened.withLock { $0 = transaction }
      }
    }
    let parseCache = readParseCache()
    let model: MetadataModel
    do {
      // The files were read and hashed just above: those the parse cache holds are not read again.
      model = try MetadataLoader.load(directory: metadata, parseCache: parseCache, knownHashes: hashes)
    } catch {
      // The folder is left as it was: the transaction, if it began, is rolled back.
      opening.wait()
      if case .success(let transaction) = opened.withLock({ $0 }) { transaction.rollback() }
      // What parsed cleanly is kept even when the model has errors: the next run after a fix
      // parses only the files that changed.
      if let parseCache, parseCache.isModified { try? parseCache.write(to: parseCacheURL) }
      throw error
    }
    // The parse cache is written while the outputs are made; the run waits for it before it ends.
    let parseCacheWrite = DispatchGroup()
    if let parseCache, parseCache.isModified {
      DispatchQueue.global().async(group: parseCacheWrite) { try? parseCache.write(to: parseCacheURL) }
    }
    defer { parseCacheWrite.wait() }
    // A run that stops half-way must not leave a cache behind that claims the old files.
    if usesCache { try? FileManager.default.removeItem(at: cacheURL) }
    let fingerprints = usesCache ? GenerationCache.fingerprints(of: model, metadataHashes: hashes) : [:]
    // Which files each object made (nil: the files made from the whole model), stamped once in place.
    let made = Locked<[String?: [String]]>([:])
    let reused = Locked<[String: GenerationCache.Entry]>([:])
    let assembled = Locked<[String: GenerationCache.Assembled]>([:])
    let previousPieces = PreviousPieces(cache: previous, fingerprints: fingerprints, output: output)
    let previousCache = previous
    let outputStamps = FolderStamps(root: output)
    // Files are staged as they are made, on every core, and are not all held at once; the commit
    // moves them into place.
    opening.wait()
    let transaction = try opened.withLock({ $0 })?.get() ?? directory.begin()
    do {
      try Generator.generate(
        model: model,
        reuse: { object in
          // An object not selected has no files, as if they had been made before.
          if let selection, !selection.holds(object.name) { return true }
          guard let fingerprint = fingerprints[object.name], let entry = previousCache?.objects[object.name],
            entry.fingerprint == fingerprint, outputStamps.isIntact(entry.files)
          else { return false }
          transaction.addUnchanged(entry.files.map(\.path))
          reused.withLock { $0[object.name] = entry }
          return true
        },
        reusePieces: { previousPieces.pieces(path: $0, object: $1) },
        recordPieces: { path, pieces in
          made.withLock { $0[nil, default: []].append(path) }
          guard usesCache else { return }
          assembled.withLock { $0[path] = GenerationCache.Assembled(pieces: pieces) }
        },
        writeAssembled: { path, make in try transaction.addStreamed(path: path, make: make) },
        into: { object, files in
          for file in files { try transaction.add(file) }
          made.withLock { $0[object?.name, default: []] += files.map(\.path) }
        })
    } catch {
      transaction.rollback()
      throw error
    }
    let plan = try transaction.commit()
    // The files the assembled files were copied from are closed while the cache is written: the last
    // close of a file the commit replaced and did not keep as a spare frees it.
    let closing = DispatchGroup()
    DispatchQueue.global().async(group: closing) { previousPieces.closeFiles() }
    defer { closing.wait() }
    var cache = GenerationCache(key: cacheKey, metadataHashes: hashes)
    cache.metadataStamps = hashing?.stamps ?? [:]
    cache.metadataHashedAt = hashing?.hashedAt ?? 0
    cache.objects = reused.withLock { $0 }
    cache.assembled = assembled.withLock { $0 }
    var objectFiles = cache.objects.mapValues(\.files)
    // Read afresh: the commit may have moved whole folders in where none were.
    let madeStamps = FolderStamps(root: output)
    for (object, paths) in made.withLock({ $0 }) {
      let stamps = paths.sorted().compactMap { madeStamps.stamp($0) }
      if let object {
        objectFiles[object] = stamps
        if let fingerprint = fingerprints[object] {
          cache.objects[object] = GenerationCache.Entry(fingerprint: fingerprint, files: stamps)
        }
      } else {
        cache.aggregateFiles += stamps
      }
    }
    cache.aggregateFiles.sort { $0.path < $1.path }
    let aggregateFiles = cache.aggregateFiles
    if usesCache {
      cache.aggregateFiles += [madeStamps.stamp(OutputDirectory.manifestName)].compactMap { $0 }
      cache.aggregateFiles.sort { $0.path < $1.path }
      try cache.write(to: cacheURL)
    }
    return Result(
      plan: plan, fileCount: plan.added.count + plan.changed.count + plan.unchanged.count, objectFiles: objectFiles,
      aggregateFiles: aggregateFiles, model: model,
      built: [model, cache, previousCache as any Sendable, parseCache as any Sendable, transaction])
  }
}
