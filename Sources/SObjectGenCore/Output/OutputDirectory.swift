import Foundation

/// Compares generated files with an output folder and brings the folder up to date:
/// new and changed files are written atomically, unchanged files are left untouched, and files
/// no output produces any more are removed. The output folder belongs to the generator.
public struct OutputDirectory {
  public struct Plan: Equatable, Sendable {
    public var added: [String] = []
    public var changed: [String] = []
    public var unchanged: [String] = []
    public var removed: [String] = []

    public var isUpToDate: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty }
  }

  public var root: URL
  private let fileManager = FileManager.default

  public init(path: String) {
    self.root = URL(fileURLWithPath: path, isDirectory: true)
  }

  /// What `write` would do, without touching anything.
  public func plan(for files: [OutputFile]) throws -> Plan {
    var plan = Plan()
    let existing = try existingFiles()
    for file in files {
      let url = root.appendingPathComponent(file.path)
      if !existing.contains(file.path) {
        plan.added.append(file.path)
      } else if (try? Data(contentsOf: url)) == file.contents {
        plan.unchanged.append(file.path)
      } else {
        plan.changed.append(file.path)
      }
    }
    let produced = Set(files.map(\.path))
    plan.removed = existing.filter { !produced.contains($0) }.sorted()
    return plan
  }

  /// Applies a plan made by `plan(for:)` with the same files.
  @discardableResult
  public func write(_ files: [OutputFile]) throws -> Plan {
    let plan = try plan(for: files)
    let toWrite = Set(plan.added + plan.changed)
    for file in files where toWrite.contains(file.path) {
      let url = root.appendingPathComponent(file.path)
      try fileManager.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      // Data.write(options: .atomic) writes a temporary file beside the target and renames it.
      try file.contents.write(to: url, options: .atomic)
    }
    for path in plan.removed {
      try fileManager.removeItem(at: root.appendingPathComponent(path))
    }
    try removeEmptyFolders()
    return plan
  }

  /// Every regular file below the root, as paths relative to it.
  func existingFiles() throws -> Set<String> {
    var isDirectory: ObjCBool = false
    guard fileManager.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue
    else { return [] }
    var paths: Set<String> = []
    let rootPath = root.standardizedFileURL.path
    guard let enumerator = fileManager.enumerator(atPath: rootPath) else { return [] }
    while let relative = enumerator.nextObject() as? String {
      let full = (rootPath as NSString).appendingPathComponent(relative)
      var isFolder: ObjCBool = false
      if fileManager.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue {
        paths.insert(relative)
      }
    }
    return paths
  }

  func removeEmptyFolders() throws {
    let rootPath = root.standardizedFileURL.path
    guard let enumerator = fileManager.enumerator(atPath: rootPath) else { return }
    var folders: [String] = []
    while let relative = enumerator.nextObject() as? String {
      let full = (rootPath as NSString).appendingPathComponent(relative)
      var isFolder: ObjCBool = false
      if fileManager.fileExists(atPath: full, isDirectory: &isFolder), isFolder.boolValue {
        folders.append(full)
      }
    }
    // Deepest first, so a folder emptied by removing its subfolders goes too.
    for folder in folders.sorted(by: { $0.count > $1.count })
    where (try? fileManager.contentsOfDirectory(atPath: folder))?.isEmpty == true {
      try fileManager.removeItem(atPath: folder)
    }
  }
}
