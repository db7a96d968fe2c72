//! Parsing an Antom Markdown API page into an [`ApiSpec`](crate::spec::ApiSpec).
