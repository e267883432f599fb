// Package ssh reads the cleartext start of an SSH connection as Suricata's
// SSH parser does: each side's identification banner (protocol and
// software versions) and its KEXINIT message (the HASSH fingerprint),
// until the side's NEWKEYS, after which the stream is encrypted.
package ssh
