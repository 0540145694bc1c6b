import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// POSIX write(2), named apart from `OutputDirectory.write(_:)`.
private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
    return Glibc.write(descriptor, bytes, count)
  #else
    return Darwin.write(descriptor, bytes, count)
  #endif
}

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
        // Under the lock: another thread must not write into the folder before it exists.
        try lock.withLock {
          if !createdFolders.contains(folder.path) {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            createdFolders.insert(folder.path)
          }
        }
        try Self.writeAtomically(file.contents, to: url)
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

    /// Writes a temporary file beside the target and renames it over the target, as
    /// `Data.write(options: .atomic)` does, but without its fsync of every file: a large org's thousands
    /// of outputs spent most of their wall time waiting on the disk. A crash can leave a file
    /// empty or stale, never half-written under its name; the next run compares and rewrites it.
    private static func writeAtomically(_ contents: Data, to url: URL) throws {
      let folder = url.deletingLastPathComponent().path
      let temporary = (folder as NSString).appendingPathComponent(
        ".\(url.lastPathComponent).\(UInt64.random(in: 0...UInt64.max)).tmp")
      let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o666)
      guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary]) }
      var failed = false
      contents.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
          let written = posixWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
          if written < 0 && errno == EINTR { continue }
          if written <= 0 {
            failed = true
            return
          }
          offset += written
        }
      }
      if close(descriptor) != 0 { failed = true }
      guard !failed, rename(temporary, url.path) == 0 else {
        unlink(temporary)
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
      }
    }

    /// Whether the file at `url` holds exactly `contents`: the size first, then the bytes.
    private static func holds(_ url: URL, _ contents: Data) -> Bool {
      guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
        (attributes[.size] as? NSNumber)?.intValue == contents.count
      else { return false }
      return (try? Data(contentsOf: url)) == contents
    }
  }
}
