package waf

import (
	"strconv"

	"github.com/rulec/rulec/runtime/waf/bodyproc"
)

// Uploaded files and the multipart parser's findings. FILES maps a field
// to its file name; FILES_NAMES lists the fields.
func init() {
	collectionVar("FILES", 1, func(tx *Tx, _ int) *collection { return &tx.files })
	namesVar("FILES_NAMES", "FILES")
	collectionVar("FILES_SIZES", 1, func(tx *Tx, _ int) *collection { return &tx.fileSizes })
	for _, name := range []string{"FILES_TMPNAMES", "FILES_TMP_CONTENT", "MULTIPART_NAME", "MULTIPART_FILENAME"} {
		collectionVar(name, 1, func(tx *Tx, _ int) *collection { return &tx.empty })
	}
	scalarVar("FILES_COMBINED_SIZE", false, func(tx *Tx) (string, bool) { return strconv.Itoa(tx.filesSize), true })
	collectionVar("MULTIPART_PART_HEADERS", 1, func(tx *Tx, _ int) *collection { return &tx.partHeaders })
	for _, name := range append(bodyproc.StrictFlags, bodyproc.FlagCRLFLFLines, bodyproc.FlagUnmatchedBoundary) {
		flagVar(name, func(tx *Tx) bool { return tx.flags[name] })
	}
	flagVar(bodyproc.FlagStrictError, func(tx *Tx) bool {
		if tx.reqBodyProcessor == "MULTIPART" && tx.reqBodyError != "" {
			return true
		}
		for _, f := range bodyproc.StrictFlags {
			if tx.flags[f] {
				return true
			}
		}
		return false
	})
}
