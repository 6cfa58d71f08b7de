#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Running another program and leaving this one: the C calls behind Swift signatures.
package enum Processes {
    /// Runs `arguments[0]` (found on PATH) with the rest as its arguments, no shell, in this
    /// process's environment, and waits for it. Its wait status (0: it ended with status 0), or
    /// nil when it could not be started.
    package static func run(_ arguments: [String]) -> Int32? {
        guard let program = arguments.first else { return nil }
        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawnp(&pid, program, nil, nil, argv, environ) == 0 else { return nil }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status
    }

    /// Ends the process at once with `status`, standard output flushed, without freeing what it
    /// holds object by object (`exit` runs the handlers `atexit` registered, such as the lock's).
    package static func exit(_ status: Int32) -> Never {
        fflush(nil)
        #if canImport(Glibc)
        Glibc.exit(status)
        #else
        Darwin.exit(status)
        #endif
    }
}

/// A file of one's own in a folder: made with a unique name, readable only by its owner (0600),
/// removed by `remove()`.
package struct PrivateTemporaryFile: Sendable {
    package let path: String

    /// A new file `folder/PREFIXxxxxxxSUFFIX` holding `contents`, or nil when it cannot be made.
    package init?(in folder: String, prefix: String, suffix: String, contents: [UInt8]) {
        var template = Array((folder + "/" + prefix + "XXXXXX" + suffix).utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, Int32(suffix.utf8.count)) }
        guard fd >= 0 else { return nil }
        path = String(cString: template)
        let written = contents.withUnsafeBytes { writeAll(fd, $0) }
        close(fd)
        if written != nil {
            unlink(path)
            return nil
        }
    }

    package func remove() { unlink(path) }
}
