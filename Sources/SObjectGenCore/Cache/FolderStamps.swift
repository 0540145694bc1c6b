import Foundation
import SObjectMetadata

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The stamps of files below one folder (`GenerationCache.FileStamp`), each read relative to its
/// parent folder, opened once per run (`fstatat`), instead of by the whole path: a run that finds
/// 21,000 outputs as the cache stamped them stats each, and walking every component of every path
/// again was about a tenth of the kernel's time for those stats (looking the name up in its folder
/// is most of the rest). A stamp is that of `stat` of the whole path (`GenerationCache.stamp(_:_:)`):
/// links are followed, and a path that is missing or not a regular file has none.
///
/// May be used from several threads at once; the folders stay open until the reader goes.
public final class FolderStamps: @unchecked Sendable {
  public let root: String
  private let lock = NSLock()
  /// By folder path relative to `root` ("" for `root` itself): the open folder, or -1 when it
  /// cannot be opened.
  private var folders: [Substring: Int32] = [:]

  public init(root: String) {
    self.root = root
  }

  deinit {
    for fd in folders.values where fd >= 0 { close(fd) }
  }

  /// The stamp of the file at `path`, relative to `root`; nil when it is missing or not a regular file.
  public func stamp(_ path: String) -> GenerationCache.FileStamp? {
    let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
    let folder = slash.map { path[..<$0] } ?? ""
    let name = slash.map { path[path.utf8.index(after: $0)...] } ?? path[...]
    let fd = descriptor(of: folder)
    guard fd >= 0, !name.isEmpty else { return nil }
    var info = stat()
    guard String(name).withCString({ fstatat(fd, $0, &info, 0) }) == 0 else { return nil }
    return GenerationCache.stamp(path, info)
  }

  /// Whether every listed file is still there as it was stamped.
  public func isIntact(_ files: [GenerationCache.FileStamp]) -> Bool {
    files.allSatisfy { stamp($0.path) == $0 }
  }

  private func descriptor(of folder: Substring) -> Int32 {
    lock.withLock {
      if let known = folders[folder] { return known }
      let path = PathText.joined(root, String(folder))
      let fd = open(path.isEmpty ? "." : path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
      folders[folder] = fd
      return fd
    }
  }
}
