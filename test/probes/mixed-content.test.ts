// Mixed content read with the HTML parser: what must be flagged, and the look-alikes that must not.
import { describe, expect, it } from 'vitest';
import { mixedContent } from '../../src/probes/mixed-content.ts';

describe('mixedContent', () => {
  it('finds what a page loads over http, attributes in any order', () => {
    const html = `<html><head>
      <link href="http://a.example/a.css" rel="stylesheet">
      <link rel="icon" href="http://a.example/f.ico">
      <script type="text/javascript" src="http://a.example/j.js"></script></head><body>
      <img alt="x" srcset="http://a.example/s1.png 1x, https://a.example/s2.png 2x">
      <object data="http://a.example/o.swf"></object>
      <form method="post" action="http://a.example/search"><input type="image" src="http://a.example/go.png"></form>
      <video poster="http://a.example/p.jpg"><source src="http://a.example/v.mp4"></video>
      <IFRAME SRC="http://a.example/frame.html"></IFRAME></body></html>`;
    expect(mixedContent(html)).toEqual([
      'http://a.example/a.css',
      'http://a.example/f.ico',
      'http://a.example/j.js',
      'http://a.example/s1.png',
      'http://a.example/o.swf',
      'http://a.example/search',
      'http://a.example/go.png',
      'http://a.example/p.jpg',
      'http://a.example/v.mp4',
      'http://a.example/frame.html',
    ]);
  });

  it('does not count links, lazy placeholders, https or relative URLs', () => {
    const html = `<link rel="canonical" href="http://a.example/">
      <link rel="alternate" href="http://a.example/rss">
      <a href="http://a.example/page.html">友情链接</a>
      <img data-src="http://a.example/lazy.png" src="/blank.gif">
      <img src="https://a.example/ok.png"><script src="//cdn.example/x.js"></script>
      <p>see http://a.example/text.png</p>`;
    expect(mixedContent(html)).toEqual([]);
  });
});
