module github.com/watchwire/watchwire/pkg/screening

go 1.26
