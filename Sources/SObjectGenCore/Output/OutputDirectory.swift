import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The output folder: what the generator wrote there before (its manifest), and how a new generation
/// replaces it.
///
/// - Only files this generator wrote are ever replaced or removed: the manifest
///   (`.sobjectgen-manifest`, kept in the folder) lists them. A folder that is not empty and has no
///   manifest is refused, unless every file in it is one the generator produces, or `force` is set.
/// - Nothing is written or removed through a symbolic link inside the folder.
/// - One run at a time: a run holds an exclusive lock on the folder; a second one waits for it.
/// - Every new or changed file is first written in full to a staging folder inside the output
///   folder; only when all are staged are they renamed into place (each rename atomic), after an
///   interim manifest that lists them beside the old files; then files no output produces any more
///   are removed and the manifest moved in last. A staged top-level folder with nothing in its place
///   in the output folder is renamed in whole, in one rename. A run that fails before the renames
///   leaves the old generation; one killed while renaming leaves only complete files. The next run
///   removes what a killed run left behind.
public struct OutputDirectory: Sendable {
  public struct Plan: Equatable, Sendable {
    public var added: [String] = []
    public var changed: [String] = []
    public var unchanged: [String] = []
    public var removed: [String] = []
    /// Files in the folder that the generator did not write; left alone.
    public var foreign: [String] = []

    public var isUpToDate: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty }

    public init(
      added: [String] = [], changed: [String] = [], unchanged: [String] = [], removed: [String] = [],
      foreign: [String] = []
    ) {
      self.added = added
      self.changed = changed
      self.unchanged = unchanged
      self.removed = removed
      self.foreign = foreign
    }
  }

  /// The manifest's name in the output folder. It lists, one per line, every file the generator wrote.
  public static let manifestName = ".sobjectgen-manifest"
  /// The staging folder's name in the output folder, while a run writes.
  public static let stagingName = ".sobjectgen-staging"

  /// The folder as the user named it (for messages).
  public var path: String
  public var root: URL
  /// Write even into a folder that is not empty and has no manifest, or that holds `protectedPaths`.
  public var force = false
  /// Folders the output folder must not hold (the metadata), unless `force`.
  public var protectedPaths: [String] = []
  /// How long a run waits for another run's lock before giving up.
  public var lockTimeout: TimeInterval = 120
  /// Where a streamed file (`addStreamed`) that a run replaces is kept, outside the output folder and
  /// on its file system, for the next run to write over in place instead of making a new file (nil:
  /// a replaced file is removed). A large org's DDL file is 80 MB: removing it frees its blocks, and
  /// where the file system discards freed blocks at once (ext4 mounted with `discard` and no
  /// journal), the run waited for the disk; a new file needs new pages and, later, new blocks.
  /// A spare that is not a regular file with one link is never written over, only removed.
  public var spareFolder: String?

  public init(path: String, force: Bool = false, protectedPaths: [String] = []) {
    self.path = path
    self.root = URL(fileURLWithPath: path, isDirectory: true)
    self.force = force
    self.protectedPaths = protectedPaths
  }

  // MARK: - Planning

  /// The manifest for a set of files: their paths, sorted, one per line.
  static func manifest(for paths: [String]) -> OutputFile {
    let listed = paths.filter { $0 != manifestName }.sorted()
    var text = "# Written by sobjectgen: the files it generated in this folder. Only these are replaced or removed.\n"
    text.reserveCapacity(listed.reduce(text.utf8.count) { $0 + $1.utf8.count + 1 })
    for path in listed {
      text += path
      text += "\n"
    }
    return OutputFile(path: manifestName, text: text)
  }

  /// The paths a manifest lists; nil when there is none.
  func readManifest() throws -> Set<String>? {
    try FileSystem.readIfRegularFile(root.path + "/" + Self.manifestName).map(paths(inManifest:))
  }

  /// The paths a manifest's bytes list: each line that is not a comment and names a path inside the
  /// folder.
  func paths(inManifest manifest: Data) -> Set<String> {
    manifest.withUnsafeBytes { raw in
      let lines = raw.bindMemory(to: UInt8.self).split(separator: UInt8(ascii: "\n"))
      var paths = Set<String>(minimumCapacity: lines.count)
      for line in lines where line.first != UInt8(ascii: "#") {
        let path = String(decoding: UnsafeBufferPointer(rebasing: line), as: UTF8.self)
        if isSafeRelativePath(path) { paths.insert(path) }
      }
      return paths
    }
  }

  /// What `write` would do, without touching anything. The manifest counts as one of the files.
  public func plan(for files: [OutputFile]) throws -> Plan {
    var plan = Plan()
    let all = files + [Self.manifest(for: files.map(\.path))]
    let existing = try existingFiles()
    let owned = try readManifest() ?? []
    for file in all {
      if !existing.contains(file.path) {
        plan.added.append(file.path)
      } else if try FileSystem.readIfRegularFile(root.appendingPathComponent(file.path).path) == file.contents {
        plan.unchanged.append(file.path)
      } else {
        plan.changed.append(file.path)
      }
    }
    let produced = Set(all.map(\.path))
    let leftovers = existing.filter { !produced.contains($0) }
    plan.removed = leftovers.filter { owned.contains($0) }.sorted()
    plan.foreign = leftovers.filter { !owned.contains($0) }.sorted()
    return plan
  }

  /// Brings the folder up to date with the files: a transaction begun, every file added, committed.
  @discardableResult
  public func write(_ files: [OutputFile]) throws -> Plan {
    let transaction = try begin()
    do {
      for file in files { try transaction.add(file) }
      return try transaction.commit()
    } catch {
      transaction.rollback()
      throw error
    }
  }

  /// Locks the folder and starts a generation; files are then added one at a time, from any
  /// thread. With `dryRun`, nothing is locked, staged or moved: `commit` only says what a real run
  /// would do (`generate --check`).
  public func begin(dryRun: Bool = false) throws -> OutputTransaction {
    try OutputTransaction(directory: self, dryRun: dryRun)
  }

  // MARK: - Checks

  /// Refuses a folder that holds the metadata, or that is not empty, has no manifest and holds files
  /// the generator does not produce — unless `force`.
  ///
  /// `manifest` and `existing` are what `readManifest()` and `existingFiles()` give, when the caller
  /// has them already.
  func checkOwnership(
    producing produced: Set<String>, manifest: Set<String>?? = nil, existing: Set<String>? = nil
  ) throws {
    guard !force else { return }
    try checkProtectedPaths()
    guard try (manifest ?? readManifest()) == nil else { return }
    let foreign = try (existing ?? existingFiles()).filter { !produced.contains($0) && $0 != Self.manifestName }
      .sorted()
    if !foreign.isEmpty {
      let shown = foreign.prefix(3).map { "'\($0)'" }.joined(separator: ", ") + (foreign.count > 3 ? ", …" : "")
      throw OutputError(
        path: path,
        problem:
          "the folder is not empty and has no \(Self.manifestName), so sobjectgen did not write it: it holds \(foreign.count) other file\(foreign.count == 1 ? "" : "s") (\(shown)); choose an empty or new folder (or pass --force)"
      )
    }
  }

  /// Refuses an output folder that holds the metadata, unless `force`.
  func checkProtectedPaths() throws {
    guard !force else { return }
    let rootReal = FileSystem.realPath(root.path)
    for protected in protectedPaths {
      let real = FileSystem.realPath(protected)
      if real == rootReal || real.hasPrefix(rootReal == "/" ? "/" : rootReal + "/") {
        throw OutputError(
          path: path,
          problem:
            "the output folder holds the metadata folder '\(protected)'; choose another output folder (or pass --force)"
        )
      }
    }
  }

  /// A relative path that stays inside the folder.
  func isSafeRelativePath(_ relative: String) -> Bool {
    // Component by component over the UTF-8 bytes: none empty (which also refuses a leading `/`),
    // `.` or `..`.
    var componentLength = 0
    var dots = 0
    for byte in relative.utf8 {
      if byte == UInt8(ascii: "/") {
        if componentLength == 0 || componentLength == dots && dots <= 2 { return false }
        componentLength = 0
        dots = 0
      } else {
        componentLength += 1
        if byte == UInt8(ascii: ".") { dots += 1 }
      }
    }
    return componentLength > 0 && !(componentLength == dots && dots <= 2)
  }

  /// Every regular file below the root, as paths relative to it, not following symbolic links
  /// (a link is listed as a file, so that it is never written through). The staging folder is not
  /// listed.
  func existingFiles() throws -> Set<String> {
    let rootPath = root.path
    let kind = FileSystem.kind(rootPath, followingLinks: true)
    guard kind == .directory else {
      if kind == .missing { return [] }
      throw OutputError(path: path, problem: kind.notAFolder)
    }
    let rootPrefix = rootPath.hasSuffix("/") ? rootPath : rootPath + "/"
    var paths: Set<String> = []
    func walk(_ relative: String) throws {
      let full = relative.isEmpty ? rootPath : rootPrefix + relative
      let entries: [(name: String, kind: FileSystem.Kind)]
      do {
        entries = try FileSystem.entries(of: full)
      } catch let error as FileSystem.ListingFailed {
        throw OutputError(
          path: displayPath(relative), problem: "cannot list the folder: \(FileSystem.errnoText(error.code))")
      }
      for (name, kind) in entries {
        let child = relative.isEmpty ? name : relative + "/" + name
        if relative.isEmpty && name == Self.stagingName { continue }
        switch kind {
        case .directory: try walk(child)
        case .missing: continue
        default: paths.insert(child)
        }
      }
    }
    try walk("")
    return paths
  }

  public func displayPath(_ relative: String) -> String {
    relative.isEmpty ? path : (path.hasSuffix("/") ? path + relative : path + "/" + relative)
  }
}

/// One generation being written: the folder locked, files staged as they are added (from any
/// thread: the generator makes objects on every core), then moved into place by `commit`.
/// `rollback` (or a failure) leaves the old generation.
public final class OutputTransaction: @unchecked Sendable {
  let directory: OutputDirectory
  let dryRun: Bool
  /// The output folder's path, and the paths of it and of the staging folder ending in `/`, to which
  /// a relative path is appended (made once: the loops over every file build no `URL`).
  private let rootPath: String
  private let rootPrefix: String
  private let stagingPrefix: String
  private var lock: FileSystem.Lock?
  /// Guards the lists and sets below, which `add` fills from several threads.
  private let state = NSLock()
  private var staged: [String] = []
  private var produced: [String] = []
  private var plan = OutputDirectory.Plan()
  private var existing: Set<String> = []
  /// Folders below the root that `add` found not to be symbolic links.
  private var foldersWithoutLinks: Set<String> = []
  /// Folders made in the staging folder.
  private var stagingFolders: Set<String> = []
  /// Staged streamed files whose replaced files `commit` keeps as spares.
  private var streamedWithSpares: Set<String> = []
  private var finished = false
  /// The top-level folders `commit` moved into place whole, sorted.
  private(set) var foldersMovedWhole: [String] = []

  var stagingPath: String { rootPrefix + OutputDirectory.stagingName }

  init(directory: OutputDirectory, dryRun: Bool = false) throws {
    self.directory = directory
    self.dryRun = dryRun
    rootPath = directory.root.path
    rootPrefix = rootPath.hasSuffix("/") ? rootPath : rootPath + "/"
    stagingPrefix = rootPrefix + OutputDirectory.stagingName + "/"
    if dryRun {
      existing = try directory.existingFiles()
      return
    }
    // The output folder itself may be a link (the user's choice); links inside it are never followed.
    switch FileSystem.kind(rootPath, followingLinks: true) {
    case .missing:
      try FileSystem.makeFolders(rootPath, display: directory.path)
    case .directory: break
    case let kind: throw OutputError(path: directory.path, problem: kind.notAFolder)
    }
    try directory.checkProtectedPaths()
    lock = try FileSystem.Lock(folder: rootPath, display: directory.path, timeout: directory.lockTimeout)
    // What a killed run left behind: its staging folder.
    if FileSystem.kind(stagingPath) != .missing {
      try FileSystem.remove(stagingPath, display: directory.displayPath(OutputDirectory.stagingName))
    }
    existing = try directory.existingFiles()
  }

  deinit {
    if !finished { rollback() }
  }

  /// Compares one file with the folder and stages it when it is new or changed. May be called from
  /// several threads at once.
  public func add(_ file: OutputFile) throws {
    precondition(!state.withLock { finished }, "the transaction is finished")
    try checkInside(file.path)
    let target = rootPrefix + file.path
    let isNew = !existing.contains(file.path)
    if !isNew { try checkNoLinksShared(file.path) }
    let isUnchanged =
      try !isNew && FileSystem.hasSize(target, file.contents.count)
      && FileSystem.readIfRegularFile(target) == file.contents
    try record(file, isNew: isNew, isUnchanged: isUnchanged)
  }

  /// Counts a file as produced, and as new, unchanged or changed, and stages it unless it is
  /// unchanged.
  private func record(_ file: OutputFile, isNew: Bool, isUnchanged: Bool) throws {
    state.withLock {
      produced.append(file.path)
      if isNew {
        plan.added.append(file.path)
      } else if isUnchanged {
        plan.unchanged.append(file.path)
      } else {
        plan.changed.append(file.path)
      }
    }
    if isUnchanged || dryRun { return }
    let stagedPath = try makeStagingFolder(for: file.path)
    try FileSystem.writeNew(stagedPath, file.contents, display: directory.displayPath(file.path))
    state.withLock { staged.append(file.path) }
  }

  /// Like `add`, for a file whose bytes `make` hands, in parts, to the sink it is given: they go
  /// straight to the staging folder (a file of tens of megabytes is never held whole), then the staged
  /// file is compared with the folder's (sizes first, then in blocks) and dropped when they are the same.
  public func addStreamed(path: String, make: AssembledFile.Make) throws {
    if dryRun {
      let contents = DataCollector()
      try make(contents.sink)
      return try add(OutputFile(path: path, contents: contents.data))
    }
    precondition(!state.withLock { finished }, "the transaction is finished")
    try checkInside(path)
    let isNew = !existing.contains(path)
    if !isNew { try checkNoLinksShared(path) }
    let stagedPath = try makeStagingFolder(for: path)
    let display = directory.displayPath(path)
    let spare = sparePath(for: path)
    let (fd, isSpare) = try createStaged(stagedPath, from: spare, display: display)
    do {
      try make(
        ByteSink(
          write: { try FileSystem.writeAll(fd, $0, display: display) },
          copy: { try FileRange.copy($0, $1, to: fd, display: display) }))
      // A spare written over ends where the new bytes end.
      if isSpare { try FileSystem.truncateAtOffset(fd, display: display) }
      close(fd)
    } catch {
      close(fd)
      throw error
    }
    let isUnchanged = try !isNew && FileSystem.sameContents(stagedPath, rootPrefix + path)
    // An unchanged file is not moved in: what was staged goes back to be the spare.
    if isUnchanged, !(spare.map { FileSystem.keep(stagedPath, at: $0) } ?? false) { unlink(stagedPath) }
    state.withLock {
      if spare != nil && !isUnchanged { streamedWithSpares.insert(path) }
      produced.append(path)
      if isNew {
        plan.added.append(path)
      } else if isUnchanged {
        plan.unchanged.append(path)
      } else {
        plan.changed.append(path)
      }
      if !isUnchanged { staged.append(path) }
    }
  }

  /// Files the caller knows the folder holds already, as this generation would write them (the
  /// generation cache vouches for them): they count as produced and unchanged.
  public func addUnchanged(_ paths: [String]) {
    state.withLock {
      produced += paths
      plan.unchanged += paths
    }
  }

  /// Moves every staged file into place, removes the files of the previous generation that no
  /// output produces any more, writes the manifest and unlocks the folder.
  ///
  /// A staged top-level folder with nothing in its place in the output folder (the first run, or a
  /// new kind of output) moves in whole, in one rename, after the interim manifest that lists its
  /// files; the other files move one by one.
  @discardableResult
  public func commit() throws -> OutputDirectory.Plan {
    precondition(!state.withLock { finished }, "the transaction is finished")
    // The folder's manifest is read once: compared with the new one, and parsed only when they differ
    // (one that is the same lists exactly the files produced).
    let name = OutputDirectory.manifestName
    // Three passes over every produced path (21,000 in a large org), independent of each other, on
    // every core: the new manifest (a sort), the set of produced paths with what else the folder
    // holds, and the plan's lists sorted.
    let (paths, lists) = state.withLock { (produced, [plan.added, plan.changed, plan.unchanged]) }
    let existing = self.existing
    let manifestMade = Locked<OutputFile?>(nil)
    let producedMade = Locked<(set: Set<String>, leftovers: Set<String>)>(([], []))
    let listsSorted = Locked<[[String]]>(lists)
    DispatchQueue.concurrentPerform(iterations: 3) { task in
      switch task {
      case 0:
        let manifest = OutputDirectory.manifest(for: paths)
        manifestMade.withLock { $0 = manifest }
      case 1:
        var set = Set(paths)
        set.insert(name)
        let leftovers = existing.filter { !set.contains($0) }
        producedMade.withLock { $0 = (set, leftovers) }
      default:
        let sorted = lists.map { $0.sorted() }
        listsSorted.withLock { $0 = sorted }
      }
    }
    let newManifest = manifestMade.withLock { $0 }!
    let (producedSet, leftovers) = producedMade.withLock { $0 }
    let sortedLists = listsSorted.withLock { $0 }
    state.withLock { (plan.added, plan.changed, plan.unchanged) = (sortedLists[0], sortedLists[1], sortedLists[2]) }
    let isNew = !existing.contains(name)
    if !isNew { try refuseLink(name) }
    let previous = try FileSystem.readIfRegularFile(rootPrefix + name)
    let isUnchanged = !isNew && previous == newManifest.contents
    try record(newManifest, isNew: isNew, isUnchanged: isUnchanged)
    // `record` appended the manifest to one of the sorted lists: it goes in its place.
    for list in [\OutputDirectory.Plan.added, \.changed, \.unchanged] where plan[keyPath: list].last == name {
      plan[keyPath: list].removeLast()
      plan[keyPath: list].insert(name, at: plan[keyPath: list].firstIndex { $0 > name } ?? plan[keyPath: list].count)
    }
    let manifest = previous.map { isUnchanged ? producedSet : directory.paths(inManifest: $0) }
    if !dryRun { try directory.checkOwnership(producing: producedSet, manifest: .some(manifest), existing: existing) }
    let owned = manifest ?? []
    plan.removed = leftovers.filter { owned.contains($0) }.sorted()
    plan.foreign = leftovers.filter { !owned.contains($0) }.sorted()
    if dryRun {
      finished = true
      return plan
    }
    // Top-level folders that nothing in the output folder stands in the place of move in whole.
    var wholeFolders: Set<Substring> = []
    var looked: Set<Substring> = []
    for path in staged {
      guard let slash = path.utf8.firstIndex(of: UInt8(ascii: "/")) else { continue }
      let top = path[..<slash]
      if looked.insert(top).inserted && FileSystem.kind(rootPrefix + top) == .missing { wholeFolders.insert(top) }
    }
    // Every destination folder of a file moved by itself must be a folder (not a file, not a link)
    // before anything moves: each folder is looked at once, each file's own path once.
    // Looked at afresh here, not taken from `add`'s set: a link may have appeared since.
    var foldersFoundWithoutLinks: Set<String> = []
    var madeFolders: Set<String> = []
    var movedAlone: [String] = []
    for path in staged {
      if let slash = path.utf8.firstIndex(of: UInt8(ascii: "/")), wholeFolders.contains(path[..<slash]) { continue }
      movedAlone.append(path)
      try checkNoLinks(
        path, isChecked: { foldersFoundWithoutLinks.contains($0) }, checked: { foldersFoundWithoutLinks.insert($0) })
      if let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) {
        let parent = String(path[..<slash])
        if madeFolders.insert(parent).inserted {
          try FileSystem.makeFolders(rootPrefix + parent, display: directory.displayPath(parent), under: rootPath)
        }
      }
    }
    for path in plan.removed {
      try checkNoLinks(
        path, isChecked: { foldersFoundWithoutLinks.contains($0) }, checked: { foldersFoundWithoutLinks.insert($0) })
    }
    // While new files move in, the manifest lists them beside the old ones, so that a run killed
    // before the end leaves no file of ours unlisted.
    if !plan.added.isEmpty {
      let interim = OutputDirectory.manifest(for: Array(owned.union(producedSet)))
      let staged = stagingPrefix + ".interim-manifest"
      try FileSystem.writeNew(staged, interim.contents, display: directory.displayPath(OutputDirectory.manifestName))
      try FileSystem.move(
        staged, to: rootPrefix + OutputDirectory.manifestName,
        display: directory.displayPath(OutputDirectory.manifestName))
    }
    foldersMovedWhole = wholeFolders.map(String.init).sorted()
    for folder in foldersMovedWhole {
      try FileSystem.moveFolder(stagingPrefix + folder, to: rootPrefix + folder, display: directory.displayPath(folder))
    }
    // The manifest moves last, so that a run killed before it leaves the old manifest, whose files
    // are still all ours.
    for path in movedAlone.sorted(by: {
      ($0 == OutputDirectory.manifestName ? 1 : 0, $0) < ($1 == OutputDirectory.manifestName ? 1 : 0, $1)
    }) {
      try FileSystem.move(
        stagingPrefix + path, to: rootPrefix + path, display: directory.displayPath(path),
        keepingReplacedAt: streamedWithSpares.contains(path) ? sparePath(for: path) : nil)
    }
    for path in plan.removed {
      try FileSystem.remove(rootPrefix + path, display: directory.displayPath(path))
      removeEmptyParents(of: path)
    }
    try? FileSystem.remove(stagingPath, display: directory.displayPath(OutputDirectory.stagingName))
    finished = true
    lock = nil
    return plan
  }

  /// Leaves the old generation: the staging folder goes, the lock is released.
  public func rollback() {
    if !finished && !dryRun {
      try? FileSystem.remove(stagingPath, display: "")
    }
    finished = true
    lock = nil
  }

  /// Refuses an output path that leaves the folder or names the staging folder.
  private func checkInside(_ path: String) throws {
    guard directory.isSafeRelativePath(path), path != OutputDirectory.stagingName,
      !path.hasPrefix(OutputDirectory.stagingName + "/")
    else {
      throw OutputError(path: path, problem: "an output path must stay inside the output folder")
    }
  }

  /// Makes the folder a staged file goes in (once per folder), and gives the staged file's path.
  private func makeStagingFolder(for relative: String) throws -> String {
    let stagedPath = stagingPrefix + relative
    let folder = relative.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(relative[..<$0]) } ?? ""
    if state.withLock({ stagingFolders.contains(folder) }) { return stagedPath }
    try FileSystem.makeFolders(
      folder.isEmpty ? String(stagingPrefix.dropLast()) : stagingPrefix + folder,
      display: directory.displayPath(OutputDirectory.stagingName), under: rootPath)
    state.withLock { _ = stagingFolders.insert(folder) }
    return stagedPath
  }

  /// Where the spare of a streamed file is kept (`OutputDirectory.spareFolder`): its path in the
  /// output folder as one name, `%` and `/` written `%25` and `%2F`.
  private func sparePath(for relative: String) -> String? {
    guard let folder = directory.spareFolder else { return nil }
    let name = relative.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "/", with: "%2F")
    return folder + "/" + name
  }

  /// Opens the staged file a streamed file is written to: the spare kept by the last run, moved into
  /// the staging folder to be written over from its start (true), or a new file (false). A spare that
  /// is not a regular file with one link (a link, a folder, a file linked elsewhere) is removed
  /// unopened or unwritten: nothing is ever written through it.
  private func createStaged(_ stagedPath: String, from spare: String?, display: String) throws -> (Int32, Bool) {
    if let spare, rename(spare, stagedPath) == 0 {
      let fd = open(stagedPath, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
      var info = stat()
      if fd >= 0, fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_nlink == 1 {
        return (fd, true)
      }
      if fd >= 0 { close(fd) }
      try FileSystem.remove(stagedPath, display: display)
    }
    return (try FileSystem.createNew(stagedPath, display: display), false)
  }

  /// `checkNoLinks` from any thread, each folder looked at once for the whole transaction.
  private func checkNoLinksShared(_ relative: String) throws {
    try checkNoLinks(
      relative, isChecked: { folder in state.withLock { foldersWithoutLinks.contains(folder) } },
      checked: { folder in state.withLock { _ = foldersWithoutLinks.insert(folder) } })
  }

  /// Refuses a path below the root when any part of it is a symbolic link. Folders `isChecked` says
  /// were found not to be links are not looked at again; `checked` is told of each folder that is not.
  private func checkNoLinks(
    _ relative: String, isChecked: (String) -> Bool, checked: (String) -> Void
  ) throws {
    for index in relative.utf8.indices where relative.utf8[index] == UInt8(ascii: "/") {
      let folder = String(relative[..<index])
      if isChecked(folder) { continue }
      try refuseLink(folder)
      checked(folder)
    }
    try refuseLink(relative)
  }

  private func refuseLink(_ relative: String) throws {
    if FileSystem.kind(rootPrefix + relative) == .symbolicLink {
      throw OutputError(
        path: directory.displayPath(relative),
        problem:
          "is a symbolic link; sobjectgen never writes or removes through a link in its output folder: remove the link"
      )
    }
  }

  /// Removes folders that removing a file left empty, up to the root.
  private func removeEmptyParents(of relative: String) {
    func up(_ path: String) -> String { path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "" }
    var parent = up(relative)
    while !parent.isEmpty {
      if rmdir(rootPrefix + parent) != 0 { return }
      parent = up(parent)
    }
  }
}

/// A file-system problem, naming the path and what is wrong with it.
public struct OutputError: Error, CustomStringConvertible, Equatable {
  public var path: String
  public var problem: String

  public init(path: String, problem: String) {
    self.path = path
    self.problem = problem
  }

  public var description: String { "error: \(path): \(problem)" }
}

/// The POSIX calls the output folder needs, with errors that say what is wrong with which path.
enum FileSystem {
  enum Kind: Equatable {
    case missing, directory, file, symbolicLink, other

    var notAFolder: String {
      switch self {
      case .file: return "is a file, not a folder"
      case .symbolicLink: return "is a symbolic link, not a folder"
      default: return "is not a folder"
      }
    }
  }

  /// What is at a path, not following a final symbolic link unless told to.
  static func kind(_ path: String, followingLinks: Bool = false) -> Kind {
    var info = stat()
    guard (followingLinks ? stat(path, &info) : lstat(path, &info)) == 0 else { return .missing }
    switch info.st_mode & S_IFMT {
    case S_IFDIR: return .directory
    case S_IFREG: return .file
    case S_IFLNK: return .symbolicLink
    default: return .other
    }
  }

  struct ListingFailed: Error {
    var code: Int32
  }

  /// The entries of a folder, in the order the folder lists them, each with what it is (not following
  /// links), from the folder's listing where the file system says (no `lstat` per entry); throws
  /// `ListingFailed` when the folder cannot be listed.
  static func entries(of folder: String) throws -> [(name: String, kind: Kind)] {
    guard let stream = opendir(folder) else { throw ListingFailed(code: errno) }
    defer { closedir(stream) }
    var entries: [(name: String, kind: Kind)] = []
    while let entry = readdir(stream) {
      let name = withUnsafePointer(to: &entry.pointee.d_name) {
        String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
      }
      if name == "." || name == ".." { continue }
      let kind: Kind
      switch Int32(entry.pointee.d_type) {
      case Int32(DT_DIR): kind = .directory
      case Int32(DT_REG): kind = .file
      case Int32(DT_LNK): kind = .symbolicLink
      case Int32(DT_UNKNOWN): kind = Self.kind(folder + "/" + name)
      default: kind = .other
      }
      entries.append((name, kind))
    }
    return entries
  }

  static func realPath(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else {
      return URL(fileURLWithPath: path).standardizedFileURL.path
    }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  static func errnoText(_ code: Int32 = errno) -> String {
    switch code {
    case ENOTDIR: return "a part of the path is a file, not a folder"
    case EACCES, EPERM: return "permission denied (not writable)"
    case ELOOP: return "too many symbolic links (a symbolic link loop?)"
    case ENOSPC: return "no space left on the device"
    case EROFS: return "the file system is read-only"
    case EISDIR: return "is a folder, not a file"
    case ENOENT: return "does not exist"
    default: return String(cString: strerror(code))
    }
  }

  static func reason(_ error: Error) -> String {
    let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
    if let posix = underlying, posix.domain == NSPOSIXErrorDomain { return errnoText(Int32(posix.code)) }
    if (error as NSError).domain == NSPOSIXErrorDomain { return errnoText(Int32((error as NSError).code)) }
    return (error as NSError).localizedFailureReason ?? "\(error)"
  }

  /// The contents of a regular file; nil when there is none. A link or a folder is an error.
  static func readIfRegularFile(_ path: String) throws -> Data? {
    switch kind(path) {
    case .missing: return nil
    case .file: break
    case .symbolicLink:
      throw OutputError(path: path, problem: "is a symbolic link; sobjectgen does not read or write through links")
    case let other:
      throw OutputError(path: path, problem: other == .directory ? "is a folder, not a file" : "is not a regular file")
    }
    let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
    guard fd >= 0 else { throw OutputError(path: path, problem: "cannot read: \(errnoText())") }
    defer { close(fd) }
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = read(fd, &buffer, buffer.count)
      if count < 0 {
        if errno == EINTR { continue }
        throw OutputError(path: path, problem: "cannot read: \(errnoText())")
      }
      if count == 0 { break }
      data.append(buffer, count: count)
    }
    return data
  }

  /// Creates a new file (never an existing one, never through a link) with the bytes.
  static func writeNew(_ path: String, _ contents: Data, display: String) throws {
    let fd = try createNew(path, display: display)
    defer { close(fd) }
    try contents.withUnsafeBytes { try writeAll(fd, $0, display: display) }
  }

  /// Creates a new file (never an existing one, never through a link), open for writing.
  static func createNew(_ path: String, display: String) throws -> Int32 {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw OutputError(path: display, problem: "cannot write: \(errnoText())") }
    return fd
  }

  /// Writes every byte to an open file.
  static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, display: String) throws {
    var offset = 0
    while offset < bytes.count {
      let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        throw OutputError(path: display, problem: "cannot write: \(errnoText())")
      }
      offset += written
    }
  }

  /// Whether the path is a regular file (not a link) of exactly `size` bytes: a cheap test before
  /// reading it to compare.
  static func hasSize(_ path: String, _ size: Int) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && Int(info.st_size) == size
  }

  /// Whether two regular files hold the same bytes: their sizes first, then block by block. A
  /// missing file or a link is never the same.
  static func sameContents(_ first: String, _ second: String) throws -> Bool {
    var a = stat()
    var b = stat()
    guard lstat(first, &a) == 0, lstat(second, &b) == 0, (a.st_mode & S_IFMT) == S_IFREG,
      (b.st_mode & S_IFMT) == S_IFREG, a.st_size == b.st_size
    else { return false }
    let fdA = open(first, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
    let fdB = open(second, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
    defer {
      if fdA >= 0 { close(fdA) }
      if fdB >= 0 { close(fdB) }
    }
    guard fdA >= 0, fdB >= 0 else { return false }
    let size = 1 << 16
    var bufferA = [UInt8](repeating: 0, count: size)
    var bufferB = [UInt8](repeating: 0, count: size)
    while true {
      let countA = try readFull(fdA, &bufferA, path: first)
      let countB = try readFull(fdB, &bufferB, path: second)
      guard countA == countB, bufferA[..<countA] == bufferB[..<countB] else { return false }
      if countA < size { return true }
    }
  }

  /// Reads until the buffer is full or the file ends; how many bytes were read.
  private static func readFull(_ fd: Int32, _ buffer: inout [UInt8], path: String) throws -> Int {
    var total = 0
    while total < buffer.count {
      let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + total, $0.count - total) }
      if count < 0 {
        if errno == EINTR { continue }
        throw OutputError(path: path, problem: "cannot read: \(errnoText())")
      }
      if count == 0 { break }
      total += count
    }
    return total
  }

  /// Creates a folder and its parents. Below `root`, no part may be a link or a file; above it
  /// (the user's own path to the output folder) links are followed.
  static func makeFolders(_ path: String, display: String, under root: String? = nil) throws {
    guard let root, path.hasPrefix(root + "/") else {
      do {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      } catch {
        throw OutputError(path: display, problem: "cannot create the folder: \(reason(error))")
      }
      return
    }
    var current = root
    // The display form of `current`: `display` names `path`, and both end in the same relative path.
    func shown() -> String { String(display.dropLast(path.count - current.count)) }
    for component in path.dropFirst(root.count + 1).split(separator: "/") {
      current += "/" + component
      switch kind(current) {
      case .directory: continue
      case .missing:
        if mkdir(current, 0o755) != 0 && errno != EEXIST {
          throw OutputError(path: shown(), problem: "cannot create the folder: \(errnoText())")
        }
      case .symbolicLink:
        throw OutputError(
          path: shown(),
          problem: "is a symbolic link; sobjectgen never writes through a link in its output folder: remove the link")
      case .file, .other:
        throw OutputError(
          path: shown(), problem: "is a file where a folder of generated files belongs; remove or rename it")
      }
    }
  }

  /// Renames a file into place (atomic on one file system), never onto a link or a folder.
  ///
  /// A file already in place is swapped with the new one in one atomic step where the system can
  /// (`exchange`), and then removed from the staging folder. A plain rename over an existing file
  /// makes ext4 allocate and start writing the new file's blocks before the rename returns
  /// (`auto_da_alloc`): tens of milliseconds for each DDL file of a 3,000-object org (80 MB), in a
  /// one-description edit that should take half a second. The swap leaves the writing to the kernel's
  /// own flushing; the old file is kept as a spare (below) or, when it is removed, freed at its last
  /// close (`PreviousPieces` keeps the DDL files open and closes them while the cache is written).
  /// Like the rename, the swap forces nothing to disk (sobjectgen does not sync): a file a power loss
  /// took back no longer matches the cache's stamp of it, and the next run makes it again.
  ///
  /// With `spare`, the file a swap replaced is moved there (`OutputDirectory.spareFolder`, its folder
  /// made when missing) rather than removed, where the system can.
  static func move(_ source: String, to destination: String, display: String, keepingReplacedAt spare: String? = nil)
    throws
  {
    switch kind(destination) {
    case .symbolicLink:
      throw OutputError(path: display, problem: "is a symbolic link; sobjectgen never writes through a link")
    case .directory:
      throw OutputError(path: display, problem: "is a folder where a generated file belongs; remove or rename it")
    case .file:
      if exchange(source, destination) {
        if let spare, keep(source, at: spare) { return }
        guard unlink(source) == 0 else {
          throw OutputError(path: display, problem: "cannot remove the file it replaced: \(errnoText())")
        }
        return
      }
    default: break
    }
    guard rename(source, destination) == 0 else {
      throw OutputError(path: display, problem: "cannot write: \(errnoText())")
    }
  }

  /// Moves a file to `spare`, making the spare's folder when it is missing; false, with the file left
  /// where it was, when it cannot (another file system, no permission).
  static func keep(_ source: String, at spare: String) -> Bool {
    if rename(source, spare) == 0 { return true }
    guard errno == ENOENT, let slash = spare.utf8.lastIndex(of: UInt8(ascii: "/")) else { return false }
    let folder = String(spare[..<slash])
    guard (try? makeFolders(folder, display: folder)) != nil else { return false }
    return rename(source, spare) == 0
  }

  /// Cuts an open file off at its current offset: what a file written over from its start held
  /// beyond the new bytes goes.
  static func truncateAtOffset(_ fd: Int32, display: String) throws {
    let end = lseek(fd, 0, SEEK_CUR)
    guard end >= 0, ftruncate(fd, end) == 0 else {
      throw OutputError(path: display, problem: "cannot write: \(errnoText())")
    }
  }

  /// Swaps two paths in one atomic step (Linux's `renameat2` with `RENAME_EXCHANGE`); false, with
  /// nothing changed, where the C library, kernel or file system cannot.
  static func exchange(_ first: String, _ second: String) -> Bool {
    #if os(Linux)
      guard let renameat2 = linuxRenameat2 else { return false }
      let exchangeFlag: UInt32 = 2  // RENAME_EXCHANGE in <linux/fs.h>
      return renameat2(AT_FDCWD, first, AT_FDCWD, second, exchangeFlag) == 0
    #else
      return false
    #endif
  }

  #if os(Linux)
    typealias Renameat2 =
      @convention(c) (
        Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32
      ) -> Int32
    /// glibc's `renameat2` (2.28 and later), which Swift's Glibc module does not declare; nil where
    /// the C library has none.
    static let linuxRenameat2: Renameat2? = dlsym(nil, "renameat2").map { unsafeBitCast($0, to: Renameat2.self) }
  #endif

  /// Renames a folder into a place where nothing is (atomic on one file system): what it holds moves
  /// in at once.
  static func moveFolder(_ source: String, to destination: String, display: String) throws {
    guard kind(destination) == .missing else {
      throw OutputError(
        path: display, problem: "was made by another program while sobjectgen was writing; run sobjectgen again")
    }
    guard rename(source, destination) == 0 else {
      throw OutputError(path: display, problem: "cannot write: \(errnoText())")
    }
  }

  /// Removes a file, or a folder with everything in it; a link is removed, never followed.
  static func remove(_ path: String, display: String) throws {
    switch kind(path) {
    case .missing: return
    case .directory:
      let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
      for name in names { try remove(path + "/" + name, display: display + "/" + name) }
      guard rmdir(path) == 0 else { throw OutputError(path: display, problem: "cannot remove: \(errnoText())") }
    default:
      guard unlink(path) == 0 else { throw OutputError(path: display, problem: "cannot remove: \(errnoText())") }
    }
  }

  /// An exclusive lock on a folder (`flock` on the folder itself, so no lock file is left behind),
  /// held until the value goes away.
  final class Lock {
    private let fd: Int32

    init(folder: String, display: String, timeout: TimeInterval) throws {
      fd = open(folder, O_RDONLY | O_CLOEXEC | O_DIRECTORY)
      guard fd >= 0 else {
        throw OutputError(path: display, problem: "cannot open the folder: \(FileSystem.errnoText())")
      }
      if flock(fd, LOCK_EX | LOCK_NB) == 0 { return }
      FileHandle.standardError.write(
        Data("sobjectgen: another run is writing into '\(display)'; waiting for it to finish…\n".utf8))
      let deadline = Date().addingTimeInterval(timeout)
      while Date() < deadline {
        usleep(50_000)
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { return }
      }
      close(fd)
      throw OutputError(
        path: display,
        problem:
          "another sobjectgen run has been writing into this folder for over \(Int(timeout)) seconds; try again when it has finished"
      )
    }

    deinit {
      flock(fd, LOCK_UN)
      close(fd)
    }
  }
}
