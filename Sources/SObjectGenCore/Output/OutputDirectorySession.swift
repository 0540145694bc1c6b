import Foundation

extension OutputDirectory {
  /// Brings the folder up to date one file at a time, as the generator makes them, so that the
  /// outputs of a large org are never all in memory: the same rules as `write(_:)` (a new or
  /// changed file is written atomically, an unchanged one is left untouched, and `finish()` removes
  /// the files no output produced). With `dryRun`, only records what it would do, as `plan(for:)`.
  /// `accept` may be called from several threads at once.
  public func session(dryRun: Bool = false) throws -> Session {
    try Session(directory: self, dryRun: dryRun)
  }

  public final class Session: @unchecked Sendable {
    private let directory: OutputDirectory
    private let root: URL
    private let dryRun: Bool
    private let existing: Set<String>
    private let lock = NSLock()
    private var plan = Plan()
    private var createdFolders: Set<String> = []

    init(directory: OutputDirectory, dryRun: Bool) throws {
      self.directory = directory
      self.root = directory.root
      self.dryRun = dryRun
      self.existing = try directory.existingFiles()
    }

    /// Compares one file with what the folder holds and, unless this is a dry run, writes it when
    /// it is new or differs.
    public func accept(_ file: OutputFile) throws {
      let url = root.appendingPathComponent(file.path)
      let state: WriteState
      if !existing.contains(file.path) {
        state = .added
      } else if Self.holds(url, file.contents) {
        state = .unchanged
      } else {
        state = .changed
      }
      if state != .unchanged && !dryRun {
        let folder = url.deletingLastPathComponent()
        let isNew = lock.withLock { createdFolders.insert(folder.path).inserted }
        if isNew { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        // Data.write(options: .atomic) writes a temporary file beside the target and renames it.
        try file.contents.write(to: url, options: .atomic)
      }
      lock.withLock {
        switch state {
        case .added: plan.added.append(file.path)
        case .changed: plan.changed.append(file.path)
        case .unchanged: plan.unchanged.append(file.path)
        }
      }
    }

    /// Records files the caller knows to be in the folder already, unchanged (from the cache).
    public func acceptUnchanged(_ paths: [String]) {
      lock.withLock { plan.unchanged += paths }
    }

    public func accept(_ files: [OutputFile]) throws {
      for file in files { try accept(file) }
    }

    /// Removes (unless this is a dry run) the files no output produced, and returns what was done,
    /// each list sorted by path.
    @discardableResult
    public func finish() throws -> Plan {
      var plan = lock.withLock { self.plan }
      let produced = Set(plan.added + plan.changed + plan.unchanged)
      plan.added.sort()
      plan.changed.sort()
      plan.unchanged.sort()
      plan.removed = existing.filter { !produced.contains($0) }.sorted()
      if !dryRun {
        for path in plan.removed {
          try FileManager.default.removeItem(at: root.appendingPathComponent(path))
        }
        try directory.removeEmptyFolders()
      }
      return plan
    }

    private enum WriteState { case added, changed, unchanged }

    /// Whether the file at `url` holds exactly `contents`: the size first, then the bytes.
    private static func holds(_ url: URL, _ contents: Data) -> Bool {
      guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
        (attributes[.size] as? NSNumber)?.intValue == contents.count
      else { return false }
      return (try? Data(contentsOf: url)) == contents
    }
  }
}
