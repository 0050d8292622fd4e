package io.jwtgateway.gateway.keytool;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a key pair as {@code private.pem} and {@code public.pem}. Neither file is ever overwritten: replacing a key
 * in use would lock out every token it signed. The private key is readable by its owner only from the moment the
 * file exists, on file systems with POSIX permissions.
 */
final class KeyFiles {

    static final String PRIVATE_KEY = "private.pem";
    static final String PUBLIC_KEY = "public.pem";

    private static final FileAttribute<?> OWNER_READ_WRITE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private KeyFiles() {
    }

    /** The absolute paths written; {@code ownerOnly} tells whether the private key's permissions are restricted. */
    record Written(Path privateKey, Path publicKey, boolean ownerOnly) {
    }

    static Written write(Path directory, String privatePem, String publicPem) throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        Path privateKey = dir.resolve(PRIVATE_KEY);
        Path publicKey = dir.resolve(PUBLIC_KEY);
        for (Path file : new Path[] {privateKey, publicKey}) {
            if (Files.exists(file)) {                   // checked first, so a refusal leaves nothing half-written
                throw new FileAlreadyExistsException(file.toString());
            }
        }
        Files.createDirectories(dir);
        boolean ownerOnly = Files.getFileStore(dir).supportsFileAttributeView("posix");
        if (ownerOnly) {
            Files.createFile(privateKey, OWNER_READ_WRITE);
        } else {
            Files.createFile(privateKey);
        }
        Files.writeString(privateKey, privatePem, US_ASCII, WRITE, TRUNCATE_EXISTING);
        Files.writeString(publicKey, publicPem, US_ASCII, CREATE_NEW, WRITE);
        return new Written(privateKey, publicKey, ownerOnly);
    }
}
