// Package filehash computes the digests Suricata gives a file (md5, sha1,
// sha256) as its bytes arrive, for the filemd5/filesha1/filesha256
// keywords and the fileinfo record.
package filehash
