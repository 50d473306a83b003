//! The Tantivy tokenizers (feature `tantivy`): thin adapters of
//! [`Tokens`] to `tantivy-tokenizer-api`, the only part of the crate that
//! knows a search engine. [`VietnameseTokenizer`] emits the syllables of one
//! [`Form`] with their byte offsets and positions; [`PairTokenizer`] emits
//! the pairs of consecutive common syllables (see [`crate::pair_term`]).

use tantivy_tokenizer_api::{Token, TokenStream, Tokenizer};

use crate::common::{common_id, is_common_pair};
use crate::tokenizer::{Form, Tokens};

/// The Vietnamese tokenizer for Tantivy, in one [`Form`].
#[derive(Debug, Clone)]
pub struct VietnameseTokenizer {
    form: Form,
    token: Token,
    buf: Vec<char>,
}

impl VietnameseTokenizer {
    /// A tokenizer emitting tokens in `form`.
    pub fn new(form: Form) -> Self {
        VietnameseTokenizer {
            form,
            token: Token::default(),
            buf: Vec::new(),
        }
    }
}

impl Tokenizer for VietnameseTokenizer {
    type TokenStream<'a> = VietnameseTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VietnameseTokenStream<'a> {
        self.token.reset();
        VietnameseTokenStream {
            tokens: Tokens::new(text, self.form, &mut self.buf),
            token: &mut self.token,
        }
    }
}

/// The token stream of [`VietnameseTokenizer`].
#[derive(Debug)]
pub struct VietnameseTokenStream<'a> {
    tokens: Tokens<'a>,
    token: &'a mut Token,
}

impl TokenStream for VietnameseTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let t = &mut *self.token;
        let Some(span) = self.tokens.next_into(&mut t.text) else {
            return false;
        };
        t.position = t.position.wrapping_add(1);
        t.offset_from = span.start;
        t.offset_to = span.end;
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Emits each pair of consecutive common syllables, in `form`, joined by a
/// space.
#[derive(Debug, Clone)]
pub struct PairTokenizer {
    inner: VietnameseTokenizer,
    token: Token,
    prev: String,
}

impl PairTokenizer {
    /// A pair tokenizer over syllables in `form`.
    pub fn new(form: Form) -> Self {
        PairTokenizer {
            inner: VietnameseTokenizer::new(form),
            token: Token::default(),
            prev: String::new(),
        }
    }
}

impl Tokenizer for PairTokenizer {
    type TokenStream<'a> = PairTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PairTokenStream<'a> {
        self.token.reset();
        self.prev.clear();
        PairTokenStream {
            inner: self.inner.token_stream(text),
            token: &mut self.token,
            prev: &mut self.prev,
            prev_from: None,
        }
    }
}

/// The token stream of [`PairTokenizer`].
#[derive(Debug)]
pub struct PairTokenStream<'a> {
    inner: VietnameseTokenStream<'a>,
    token: &'a mut Token,
    prev: &'a mut String,
    /// Start and common id of the previous syllable, when it was common.
    prev_from: Option<(usize, u16)>,
}

impl TokenStream for PairTokenStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            if !self.inner.advance() {
                return false;
            }
            let cur = self.inner.token();
            // Each syllable is looked up once; `prev_from` is set only when
            // the previous syllable was common. Only the pairs inside a
            // word are kept.
            let common = common_id(&cur.text);
            let pair = match (self.prev_from, common) {
                (Some((from, prev_id)), Some(id)) if is_common_pair(prev_id, id) => {
                    let t = &mut *self.token;
                    t.text.clear();
                    t.text.push_str(self.prev);
                    t.text.push(' ');
                    t.text.push_str(&cur.text);
                    t.offset_from = from;
                    t.offset_to = cur.offset_to;
                    t.position = t.position.wrapping_add(1);
                    true
                }
                _ => false,
            };
            self.prev_from = common.map(|id| (cur.offset_from, id));
            if common.is_some() {
                self.prev.clear();
                self.prev.push_str(&cur.text);
            }
            if pair {
                return true;
            }
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_with_offsets_and_positions() {
        let mut tok = VietnameseTokenizer::new(Form::Exact);
        let mut stream = tok.token_stream("Đại Từ, Thái Nguyên");
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        assert_eq!(
            out,
            [
                ("đại".to_string(), 0, 6, 0),
                ("từ".to_string(), 7, 11, 1),
                ("thái".to_string(), 13, 18, 2),
                ("nguyên".to_string(), 19, 26, 3),
            ]
        );
    }

    #[test]
    fn pairs_of_folded_syllables_with_offsets() {
        let mut t = PairTokenizer::new(Form::Folded);
        let mut s = t.token_stream("Hà Nội, Đà Nẵng");
        let mut out = Vec::new();
        while let Some(tok) = s.next() {
            out.push((
                tok.text.clone(),
                tok.offset_from,
                tok.offset_to,
                tok.position,
            ));
        }
        assert_eq!(
            out,
            [
                ("ha noi".to_string(), 0, 9, 0),
                ("da nang".to_string(), 11, 22, 1)
            ]
        );
        let mut one = t.token_stream("Hà");
        assert!(one.next().is_none());
        // `khuông` is not common: no pair on either side of it; `nội đà`
        // (above) and `của các` are in no word.
        let mut rare = t.token_stream("ông Khuông Việt Nam khuông của các");
        let texts: Vec<String> =
            std::iter::from_fn(|| rare.next().map(|t| t.text.clone())).collect();
        assert_eq!(texts, ["viet nam"]);
    }
}
