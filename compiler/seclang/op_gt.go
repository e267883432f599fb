package seclang

func init() { registerOp("gt", numericArg) }
