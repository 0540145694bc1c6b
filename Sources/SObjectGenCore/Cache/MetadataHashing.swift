import Dispatch
import Foundation
import SObjectMetadata

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The content hashes of a metadata folder's object files, taking a file's hash from the previous
/// run's cache instead of reading the file again when its stamp says it has not changed, as git's
/// index does.
///
/// The rule: a recorded hash is used only when (1) the file's stamp now (size, modification time and
/// change time, read from the open file) is the one recorded when it was hashed, and (2) both times
/// are more than `racyWindow` older than the moment that hashing began (`metadataHashedAt`). (2) is
/// git's "racily clean" rule: a file written while it was hashed, or just before, may be written
/// again within the same tick of the file system's clock, with the same size, and its stamp would not
/// show it; such a file is read and hashed again, and trusted only by a later run, once its times are
/// older than that run's start. The change time cannot be set by a program, so a file rewritten with
/// its old size and modification time put back still shows. What stamps cannot see (a clock set back,
/// a file system that keeps no times) is what `--no-cache` is for.
public enum MetadataHashing {
  /// How much older than the hashing a file's times must be for its stamp to vouch for it: wider
  /// than the coarsest file-system clock (FAT's 2 s) and the kernel's coarse clock tick.
  public static let racyWindow: Int64 = 2_000_000_000

  public struct Result: Sendable {
    /// By path relative to the metadata folder.
    public var hashes: [String: UInt64]
    public var stamps: [String: GenerationCache.FileStamp]
    /// The wall clock, in nanoseconds, just before the first file was looked at.
    public var hashedAt: Int64
    /// How many files were read and hashed (the others were vouched for by their stamps).
    public var readCount: Int
  }

  /// Hashes every object file of `directory`, reusing `previous`'s hashes where the rule above allows.
  public static func hash(_ directory: String, previous: GenerationCache?) throws -> Result {
    let hashedAt = now()
    let paths = try MetadataLoader.objectFilePaths(in: directory)
    let result = Locked(Result(hashes: [:], stamps: [:], hashedAt: hashedAt, readCount: 0))
    let trustedBefore = (previous?.metadataHashedAt ?? 0) - racyWindow
    DispatchQueue.concurrentPerform(iterations: paths.count) { index in
      let path = paths[index]
      let relative = MetadataFile.relativePath(ofFileNamed: PathText.lastComponent(of: path))
      let fd = open(path, O_RDONLY | O_CLOEXEC)
      // The stamp is taken before the bytes are read: a write after it changes the change time.
      let stamp = fd < 0 ? nil : GenerationCache.stamp(relative, descriptor: fd)
      if let stamp, let previous, previous.metadataStamps[relative] == stamp,
        let hash = previous.metadataHashes[relative], stamp.modified < trustedBefore, stamp.changed < trustedBefore
      {
        close(fd)
        result.withLock {
          $0.hashes[relative] = hash
          $0.stamps[relative] = stamp
        }
        return
      }
      var hash: UInt64 = 0
      if fd >= 0 {
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        if let bytes = try? handle.readToEnd() { hash = ContentHash.of(bytes) }
      }
      result.withLock {
        $0.hashes[relative] = hash
        if stamp != nil, hash != 0 { $0.stamps[relative] = stamp }
        $0.readCount += 1
      }
    }
    return result.withLock { $0 }
  }

  /// The wall clock, in nanoseconds since 1970 (the clock file times are taken from).
  static func now() -> Int64 {
    var time = timespec()
    clock_gettime(CLOCK_REALTIME, &time)
    return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
  }
}
