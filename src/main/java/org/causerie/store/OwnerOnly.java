package org.causerie.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates the server's private files and folders (the data folder, {@code causerie.db} with its password
 * hashes, the TLS key) readable by their owner only, whatever the process umask: created with that mode,
 * then set to it, since a umask can only take bits away. What exists already is left as it is: an
 * operator may have chosen its mode. Off POSIX (Windows), the folder's ACL applies.
 */
public final class OwnerOnly {
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {}

    /** The folder {@code dir}, made (mode 700) with its missing parents (as the umask says) if absent. */
    public static Path folder(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        create(dir, FOLDER, true);
        return dir;
    }

    /** The file {@code file}, made empty (mode 600) if absent. */
    public static Path file(Path file) throws IOException {
        create(file, FILE, false);
        return file;
    }

    private static void create(Path path, Set<PosixFilePermission> mode, boolean folder) throws IOException {
        FileAttribute<?>[] attributes = posix(path) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)}
                : new FileAttribute<?>[0];
        try {
            if (folder) {
                Files.createDirectory(path, attributes);
            } else {
                Files.createFile(path, attributes);
            }
        } catch (FileAlreadyExistsException e) {
            return; // someone made it meanwhile, or the operator did: theirs
        }
        if (attributes.length > 0) {
            Files.setPosixFilePermissions(path, mode); // the umask may have taken owner bits away
        }
    }

    private static boolean posix(Path path) {
        Path absolute = path.toAbsolutePath();
        return absolute.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
