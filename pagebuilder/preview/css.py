"""The preview's own block CSS, written after the style guide's CSS in the page's one <style> element.

Blocks read their ``_styles`` through ``--pb-*`` custom properties set on each section, falling back to the style
guide's variables (``--color-primary`` …) and then to plain values, so a page without either still looks calm.
Layouts are grid/flex with auto-fit and clamp() sizes, usable down to 375 px wide; images keep the box their
width/height attributes reserve (``height:auto``), so nothing shifts as they load.
"""

import re

_SOURCE = """
*,::before,::after{box-sizing:border-box}
body{margin:0;-webkit-text-size-adjust:100%;text-rendering:optimizeLegibility}
img,video{display:block;max-width:100%;height:auto}
.pb-block{--a:var(--pb-accent,var(--color-primary,#333));
 --on-a:var(--pb-on-accent,var(--color-primary-foreground,#fff));
 --r:var(--pb-radius,var(--radius-md,.5rem));
 --line:color-mix(in srgb,var(--pb-border,var(--color-border,#bbb)) 45%,transparent);
 position:relative;background:var(--pb-bg,var(--color-background,#fff));
 color:var(--pb-fg,var(--color-foreground,#1a1a1a));
 font-family:var(--pb-font,var(--font-sans,system-ui,sans-serif));line-height:1.6;
 padding-block:clamp(2.5rem,9vw,var(--pb-pad,4.5rem))}
:where(.pb-block) :is(h1,h2,h3,h4){font-family:var(--pb-heading-font,var(--font-heading,inherit));line-height:1.2;
 margin:0 0 .5em;text-wrap:balance}
:where(.pb-block) h1{font-size:clamp(2.1rem,1.4rem + 3.6vw,var(--text-5xl,3.5rem))}
:where(.pb-block) h2{font-size:clamp(1.6rem,1.2rem + 2vw,var(--text-3xl,2.25rem))}
:where(.pb-block) h3{font-size:var(--text-xl,1.25rem)}
:where(.pb-block) h4{font-size:var(--text-lg,1.1rem)}
:where(.pb-block) p{margin:0 0 1em}
:where(.pb-block) a{color:inherit;text-underline-offset:.2em}
.pb-block a:focus-visible,.pb-block summary:focus-visible,.pb-btn:focus-visible{outline:2px solid var(--a);
 outline-offset:2px}
.pb-wrap{max-width:72rem;margin-inline:auto;padding-inline:clamp(1rem,4vw,2rem)}
.pb-head{max-width:46rem;margin-bottom:clamp(1.5rem,4vw,2.5rem)}
.pb-center{text-align:center}.pb-center .pb-head,.pb-center .pb-lead{margin-inline:auto}
.pb-center .pb-actions,.pb-center .pb-statlist{justify-content:center}
.pb-eyebrow{color:var(--a);font-size:var(--text-sm,.875rem);font-weight:600;letter-spacing:.08em;
 text-transform:uppercase}
.pb-lead{font-size:var(--text-lg,1.15rem);max-width:40rem}
.pb-muted,.pb-lead{color:var(--pb-muted,var(--color-muted-foreground,#555))}
.pb-actions{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1.5rem}
.pb-btn{display:inline-block;padding:.7em 1.3em;border:0;border-radius:var(--r);background:var(--a);
 color:var(--on-a);
 font:inherit;font-weight:600;line-height:1.3;text-decoration:none;cursor:pointer}
.pb-btn.pb-btn-alt{background:transparent;color:inherit;box-shadow:inset 0 0 0 2px currentColor}
.pb-on-muted{background:var(--pb-bg,var(--color-muted,#f5f5f4))}
.pb-on-primary{background:var(--pb-bg,var(--color-primary,#333));
 color:var(--pb-fg,var(--color-primary-foreground,#fff));
 --a:var(--pb-fg,var(--color-primary-foreground,#fff));--on-a:var(--pb-bg,var(--color-primary,#333))}
.pb-on-primary :is(.pb-muted,.pb-lead,.pb-eyebrow){color:inherit}
.pb-grid{display:grid;gap:clamp(1rem,3vw,1.75rem);
 grid-template-columns:repeat(auto-fit,minmax(min(100%,16rem),1fr));
 list-style:none;margin:0;padding:0}
.pb-wide{grid-template-columns:repeat(auto-fit,minmax(min(100%,28rem),1fr))}
.pb-split{display:grid;gap:clamp(1.5rem,5vw,4rem);align-items:center;
 grid-template-columns:repeat(auto-fit,minmax(min(100%,22rem),1fr))}
.pb-reverse>:last-child,.pb-row:nth-child(even)>.pb-media{order:-1}
.pb-stack>*+*{margin-top:clamp(2rem,5vw,3.5rem)}
.pb-card{background:var(--color-background,#fff);color:var(--color-foreground,#1a1a1a);border:1px solid var(--line);
 border-radius:var(--r);padding:clamp(1.25rem,3vw,1.75rem);overflow:hidden}
.pb-card>:last-child,.pb-card figcaption>:last-child{margin-bottom:0}
.pb-card .pb-muted{color:var(--color-muted-foreground,#555)}
.pb-card-img{width:calc(100% + 2*clamp(1.25rem,3vw,1.75rem));max-width:none;
 margin:calc(-1*clamp(1.25rem,3vw,1.75rem)) 0 1.25rem calc(-1*clamp(1.25rem,3vw,1.75rem));aspect-ratio:16/10;
 object-fit:cover}
.pb-media img,.pb-media video{width:100%;border-radius:var(--r)}
.pb-featured{box-shadow:0 0 0 2px var(--pb-accent,var(--color-primary,#333))}
.pb-cover{display:grid;align-items:center;min-height:clamp(24rem,70vh,40rem);color:#fff;isolation:isolate;
 overflow:hidden}
.pb-cover::after{content:"";position:absolute;inset:0;z-index:-1;
 background:linear-gradient(rgb(0 0 0/.45),rgb(0 0 0/.6))}
.pb-cover-img{position:absolute;inset:0;z-index:-2;width:100%;height:100%;object-fit:cover}
.pb-cover .pb-lead,.pb-cover .pb-eyebrow{color:inherit}.pb-cover{--a:#fff;--on-a:#111}
.pb-pill{display:inline-flex;gap:.5rem;align-items:center;padding:.3rem .9rem;border:1px solid var(--line);
 border-radius:99rem;font-size:var(--text-sm,.875rem)}
.pb-statlist{display:flex;flex-wrap:wrap;gap:clamp(1.25rem,5vw,3rem);list-style:none;margin:2rem 0 0;padding:0}
.pb-statlist li{display:flex;flex-direction:column;min-width:8rem}
.pb-stat{font-family:var(--pb-heading-font,inherit);font-size:clamp(1.8rem,1.4rem + 2vw,2.6rem);font-weight:700;
 line-height:1.1;color:var(--a)}
.pb-check{list-style:none;padding:0;margin:0 0 1em}
.pb-check li{padding-left:1.6em;position:relative;margin-bottom:.4em}
.pb-check li::before{content:"✓";position:absolute;left:0;color:var(--a);font-weight:700}
.pb-quote{margin:0}.pb-quote blockquote{margin:0 0 1rem;font-size:var(--text-lg,1.1rem)}
.pb-quote figcaption,.pb-person{display:flex;gap:.9rem;align-items:center}
.pb-quote figcaption span{display:flex;flex-direction:column}
.pb-avatar{width:3rem;height:3rem;border-radius:50%;object-fit:cover}
.pb-stars{color:var(--a);letter-spacing:.1em}.pb-rating{display:flex;flex-wrap:wrap;gap:.25rem .75rem;
 align-items:baseline}.pb-dim{opacity:.35}
.pb-narrow{max-width:48rem}
.pb-qa details{border-bottom:1px solid var(--line);padding:1rem 0}
.pb-qa summary{cursor:pointer;font-weight:600;font-size:var(--text-lg,1.1rem)}
.pb-qa details p{margin:.75rem 0 0}.pb-qa+h3,.pb-qa+.pb-actions{margin-top:2rem}
.pb-plan{display:flex;flex-direction:column}.pb-plan>.pb-btn{margin-top:auto;align-self:flex-start}
.pb-price{font-size:2rem;font-weight:700;margin:.25rem 0 .5rem}.pb-price span{font-size:1rem;font-weight:400}
.pb-scroll{overflow-x:auto}
.pb-table{width:100%;border-collapse:collapse}
.pb-table :is(th,td){padding:.75rem 1rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
.pb-hours{display:grid;grid-template-columns:auto 1fr;gap:.4rem 1.5rem;margin:0 0 1em}.pb-hours dd{margin:0}
.pb-photo{width:100%;aspect-ratio:1;object-fit:cover;border-radius:var(--r);margin-bottom:1rem}
.pb-person .pb-photo{width:min(40%,10rem);margin:0}
.pb-pics{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,14rem),1fr));list-style:none;
 margin:0;padding:0}
.pb-pics figure,.pb-pair{margin:0}.pb-pics img{width:100%;aspect-ratio:4/3;object-fit:cover;border-radius:var(--r)}
.pb-block figcaption{margin-top:.5rem}
.pb-logo-row{display:flex;flex-wrap:wrap;gap:clamp(1.5rem,5vw,3rem);align-items:center;justify-content:center;
 list-style:none;margin:0;padding:0}
.pb-logo{width:auto;max-height:3rem}.pb-logo-row .pb-logo{max-height:3.5rem;max-width:10rem}
.pb-tag{display:inline-block;padding:.1rem .6rem;border-radius:99rem;background:var(--line);
 font-size:var(--text-sm,.8rem)}
.pb-steps{counter-reset:s;list-style:none;padding:0}.pb-steps>li{counter-increment:s}
.pb-steps>li::before{content:counter(s);display:grid;place-items:center;width:2.2rem;height:2.2rem;
 margin-bottom:.75rem;border-radius:50%;background:var(--a);color:var(--on-a);font-weight:700}
.pb-line{list-style:none;margin:0;padding:0 0 0 1.5rem;border-left:2px solid var(--line)}
.pb-line>li{position:relative;padding-bottom:2rem}
.pb-line>li::before{content:"";position:absolute;left:calc(-1.5rem - 6px);top:.45rem;width:10px;height:10px;
 border-radius:50%;background:var(--a)}
.pb-line img{margin-bottom:1rem;border-radius:var(--r);max-height:18rem;width:auto}
.pb-bar{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:space-between}
.pb-bar>*,.pb-bar .pb-actions{margin:0}
.pb-block.pb-navbar,.pb-block.pb-banner:not(.pb-has-image){padding-block:.9rem}
.pb-navbar{border-bottom:1px solid var(--line)}
.pb-utility{font-size:var(--text-sm,.875rem);margin:-.9rem 0 .9rem;padding:.4rem 0;
 border-bottom:1px solid var(--line)}
.pb-nav{display:flex;flex-wrap:wrap;gap:1rem 2rem;align-items:center;justify-content:space-between}
.pb-nav .pb-actions{margin:0}.pb-brand{font-weight:700;font-size:1.2rem;text-decoration:none}
.pb-links{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;list-style:none;margin:0;padding:0}
.pb-links a{text-decoration:none}.pb-links a:hover{text-decoration:underline}
.pb-col{flex-direction:column;gap:.5rem}
.pb-dropdown{position:relative}.pb-dropdown summary{cursor:pointer}
.pb-menu-panel{position:absolute;z-index:5;display:grid;gap:1rem;min-width:16rem;margin-top:.5rem;padding:1rem;
 background:var(--color-background,#fff);color:var(--color-foreground,#1a1a1a);border:1px solid var(--line);
 border-radius:var(--r);box-shadow:0 8px 24px rgb(0 0 0/.12)}
.pb-menu-panel ul{list-style:none;margin:0;padding:0}.pb-menu-panel li{display:flex;flex-direction:column;
 margin-bottom:.5rem}
.pb-footer{font-size:var(--text-sm,.95rem)}
.pb-footer-grid{display:grid;gap:2rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,12rem),1fr))}
.pb-footer h2{font-size:1rem;margin-bottom:.75rem}
.pb-footer-bottom{display:flex;flex-wrap:wrap;gap:1rem;justify-content:space-between;margin-top:2rem;
 padding-top:1.5rem;border-top:1px solid var(--line)}
.pb-block address{font-style:normal;margin-bottom:1em}
.pb-form{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:1.5rem}
.pb-form{max-width:32rem}.pb-block .pb-form input{flex:1 1 12rem;width:auto}.pb-center .pb-form{margin-inline:auto}
.pb-block :is(input,textarea){min-width:0;width:100%;padding:.65em .9em;font:inherit;color:#1a1a1a;background:#fff;
 border:1px solid var(--pb-border,#999);border-radius:var(--r)}
.pb-fields label{display:block;font-weight:600;margin-bottom:.3rem}
.pb-menu-line{display:flex;gap:1rem;justify-content:space-between;margin:0}
.pb-menu-items{list-style:none;padding:0;margin:0 0 2rem}.pb-menu-items>li{padding:.75rem 0;
 border-bottom:1px dashed var(--line)}
.pb-menu-items .pb-muted{margin:.2rem 0 0}
.pb-generic{overflow-wrap:break-word}.pb-generic .pb-head:only-child{margin-bottom:0}
.pb-generic .pb-stack>*+*{margin-top:clamp(1.5rem,4vw,2.5rem)}
.pb-generic .pb-grid{grid-template-columns:repeat(auto-fill,minmax(min(100%,18rem),1fr))}
.pb-generic .pb-card-img{max-height:16rem}
.pb-generic .pb-pics{grid-template-columns:repeat(auto-fill,minmax(min(100%,16rem),1fr))}
.pb-panel{padding-top:clamp(1.5rem,4vw,2.5rem);border-top:1px solid var(--line)}
.pb-card :is(.pb-check,.pb-links,.pb-statlist,.pb-qa,.pb-pics,.pb-grid,.pb-person){margin:1rem 0 0}
.pb-card .pb-card{border:0;padding:0;background:none}.pb-card .pb-stat{font-size:1.5rem}
.pb-card .pb-statlist li{min-width:5rem}.pb-card .pb-price{font-size:1.5rem}
.pb-line .pb-actions,.pb-card .pb-actions{margin-top:1rem}
.pb-footer .pb-card,.pb-navbar .pb-card{border:0;padding:0;background:none;color:inherit}
.pb-unknown-box{padding:2rem;border:2px dashed var(--line);border-radius:var(--r);text-align:center}
.pb-sr{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
"""

BLOCK_CSS = re.sub(r"\n\s*", "", _SOURCE).strip()
