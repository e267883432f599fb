package seclang

import (
	"fmt"

	"github.com/rulec/rulec/diag"
)

// transforms lists the transformations; none of them takes an argument.
var transforms = newTable[struct{}]("seclang transformation")

func init() {
	for _, name := range []string{
		"none", "base64Decode", "base64DecodeExt", "base64Encode", "cmdLine", "compressWhitespace", "cssDecode",
		"escapeSeqDecode", "hexDecode", "hexEncode", "htmlEntityDecode", "jsDecode", "length", "lowercase", "md5",
		"normalisePath", "normalizePath", "normalisePathWin", "normalizePathWin", "parityEven7bit", "parityOdd7bit",
		"parityZero7bit", "removeComments", "removeCommentsChar", "removeNulls", "removeWhitespace", "replaceComments",
		"replaceNulls", "sha1", "sqlHexDecode", "trim", "trimLeft", "trimRight", "uppercase", "urlDecode",
		"urlDecodeUni", "urlEncode", "utf8toUnicode",
	} {
		transforms.add(name, struct{}{})
	}
}

// transform returns the canonical name of a transformation.
func transform(name string) (string, error) {
	canon, _, ok := transforms.lookup(name)
	if !ok {
		return "", fmt.Errorf("transformation %q %w", name, diag.ErrUnsupported)
	}
	return canon, nil
}
