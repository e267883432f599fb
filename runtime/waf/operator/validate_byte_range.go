package operator

// @validateByteRange matches when a byte of the value lies outside the
// ranges.
func init() {
	register("validateByteRange", func(s Spec) (Operator, error) {
		var ok [256]bool
		for _, r := range s.Ranges {
			for b := int(r[0]); b <= int(r[1]); b++ {
				ok[b] = true
			}
		}
		return Func(func(_ *Call, v string) bool {
			for i := 0; i < len(v); i++ {
				if !ok[v[i]] {
					return true
				}
			}
			return false
		}), nil
	})
}
