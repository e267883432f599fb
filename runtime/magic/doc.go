// Package magic describes a file's type from its first bytes, for the
// file.magic buffer (Suricata's filemagic). Suricata asks libmagic; rulec
// has a bounded table of common types whose descriptions are libmagic's
// for those types (PDF, PE/MS-DOS, ELF, Zip, gzip, bzip2, 7-zip, RAR,
// images, OLE2/CDF, RTF, TNEF, HTML, XML, scripts, text), and "data" for
// anything else, where libmagic may know more.
package magic
