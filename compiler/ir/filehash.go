package ir

// FileHash is filemd5, filesha1 or filesha256: a closed file's digest
// (buffer file.md5, file.sha1 or file.sha256, one instance per file) is
// one of Hashes (raw digests, sorted), or with Negated is none of them.
type FileHash struct {
	Buffer  Buffer
	Negated bool
	Hashes  []string
}

func (m *FileHash) Kind() string { return m.Buffer.Name }
func (m *FileHash) Buf() Buffer  { return m.Buffer }

// FileHashBuffers are the buffers of file digests, by keyword; a digest's
// length in bytes is FileHashLen.
var FileHashBuffers = map[string]string{"filemd5": "file.md5", "filesha1": "file.sha1", "filesha256": "file.sha256"}

// FileHashLen is the length in bytes of the digest a file hash buffer holds.
var FileHashLen = map[string]int{"file.md5": 16, "file.sha1": 20, "file.sha256": 32}

// Filestore is Suricata's filestore keyword: the rule inspects files (it
// holds on any file, so the rule needs one) and asks for the files of Dir
// ("" the matching file's own, "to_server", "to_client" or "both") in
// Scope ("file", "tx" or "flow") to be stored.
type Filestore struct {
	Dir   string
	Scope string
}

func (m *Filestore) Kind() string { return "filestore" }
func (m *Filestore) Buf() Buffer  { return Buffer{Name: "file.name"} }
