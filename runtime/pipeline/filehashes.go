package pipeline

import (
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/filehash"
	"github.com/rulec/rulec/runtime/flow"
)

// fileHashes adds to the configured digests (force-hash, the file store)
// those the rules' file hash keywords need, as Suricata hashes files for
// filemd5, filesha1 and filesha256; it notes a filestore rule, which
// lifts the body limit of the files it matches.
func fileHashes(fc flow.Config, rules []*ir.Rule) flow.Config {
	for _, r := range rules {
		for _, m := range r.Matchers {
			switch m.Buf().Name {
			case "file.md5":
				fc.FileHashes |= filehash.MD5
			case "file.sha1":
				fc.FileHashes |= filehash.SHA1
			case "file.sha256":
				fc.FileHashes |= filehash.SHA256
			}
			if _, ok := m.(*ir.Filestore); ok {
				fc.Filestore = true
			}
		}
	}
	return fc
}
